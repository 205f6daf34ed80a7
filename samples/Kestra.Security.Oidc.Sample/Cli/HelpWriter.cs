using System.CommandLine;
using System.CommandLine.Help;
using System.Text;

namespace Kestra.Security.Oidc.Sample.Cli;

/// <summary>
/// Writes a command's <c>--help</c>: DESCRIPTION, USAGE, EXAMPLES, OPTIONS and COMMANDS, wrapped at 80 columns, the
/// same on every terminal (and in the managed and the native console).
/// </summary>
internal static class HelpWriter
{
    private const int Width = 80;
    private const string Indent = "    ";

    public static void Write(Command command, TextWriter writer)
    {
        var text = new StringBuilder();
        var isRoot = command is RootCommand;
        var path = isRoot ? ConsoleApp.Name : $"{ConsoleApp.Name} {command.Name}";
        if (!string.IsNullOrEmpty(command.Description))
        {
            text.AppendLine("DESCRIPTION:").AppendJoin(Environment.NewLine, Wrap(command.Description, Width)).AppendLine().AppendLine();
        }

        text.AppendLine("USAGE:").Append(Indent).Append(path).Append(" [OPTIONS]").AppendLine(command.Subcommands.Count > 0 ? " [COMMAND]" : "");
        if (command is ConsoleCommand { Examples.Count: > 0 } withExamples)
        {
            text.AppendLine().AppendLine("EXAMPLES:");
            foreach (var example in withExamples.Examples)
            {
                text.Append(Indent).Append(ConsoleApp.Name).Append(' ').AppendLine(example);
            }
        }

        text.AppendLine().AppendLine("OPTIONS:");
        AppendRows(text, Options(command).Select(o => (Label(o), Description(o))).ToList());
        if (command.Subcommands.Count > 0)
        {
            text.AppendLine().AppendLine("COMMANDS:");
            AppendRows(text, command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")).ToList());
        }

        writer.Write(text.ToString());
    }

    /// <summary>The help option first, then the root's <c>--version</c>, then the command's own options in declaration order.</summary>
    private static IEnumerable<Option> Options(Command command)
    {
        var inherited = command.Parents.OfType<Command>().SelectMany(p => p.Options).Where(o => o.Recursive);
        var all = inherited.Concat(command.Options).Where(o => !o.Hidden).Distinct().ToList();
        return all.OfType<HelpOption>().Concat<Option>(all.OfType<VersionOption>()).Concat(all.Where(o => o is not HelpOption and not VersionOption));
    }

    private static string Label(Option option)
    {
        var shortAlias = option.Aliases.FirstOrDefault(a => a.Length == 2 && a[0] == '-');
        var label = (shortAlias is null ? "    " : shortAlias + ", ") + option.Name;
        var takesNoValue = option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool);
        return takesNoValue ? label : $"{label} <{option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()}>";
    }

    private static string Description(Option option) => option switch
    {
        HelpOption => "Prints help information.",
        VersionOption => "Prints version information.",
        _ => option.Description ?? "",
    };

    private static void AppendRows(StringBuilder text, List<(string Label, string Description)> rows)
    {
        var column = rows.Max(r => r.Label.Length) + Indent.Length;
        foreach (var (label, description) in rows)
        {
            var lines = Wrap(description, Math.Max(Width - Indent.Length - column, 20));
            text.Append(Indent).Append(label.PadRight(column)).AppendLine(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', Indent.Length + column).AppendLine(line);
            }
        }
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length == 0 ? "" : " ").Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
