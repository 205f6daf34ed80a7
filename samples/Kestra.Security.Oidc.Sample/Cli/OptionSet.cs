using System.CommandLine;

namespace Kestra.Security.Oidc.Sample.Cli;

/// <summary>The options of one command, each with the setter its parsed value goes to.</summary>
internal sealed class OptionSet
{
    private readonly List<(Option Option, Action<ParseResult> Bind)> _options = [];

    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>An option that takes one value, e.g. <c>--config &lt;FILE&gt;</c>.</summary>
    public void Value(string name, string valueName, string description, Action<string?> bind) =>
        Add(new Option<string>(name) { HelpName = valueName, Description = description }, bind);

    /// <summary>A repeatable option, e.g. <c>--check A --check B</c>; absent, the setter gets an empty array.</summary>
    public void Values(string name, string valueName, string description, Action<string[]> bind) =>
        Add(new Option<string[]>(name) { HelpName = valueName, Description = description }, values => bind(values ?? []));

    /// <summary>An option without a value, e.g. <c>--parse-json-leaf</c>.</summary>
    public void Flag(string name, string description, Action<bool> bind) =>
        Add(new Option<bool>(name) { Description = description }, bind);

    public void Add<T>(Option<T> option, Action<T?> bind) => _options.Add((option, parse => bind(parse.GetValue(option))));

    public void Bind(ParseResult parse)
    {
        foreach (var (_, bind) in _options)
        {
            bind(parse);
        }
    }
}
