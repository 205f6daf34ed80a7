using System.Net;
using System.Text.RegularExpressions;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// A <c>&lt;form&gt;</c> read out of a page the way a browser would submit it: action resolved against the
/// page, hidden and text inputs with their values, and the named submit buttons. Good enough for the
/// provider's own login, consent and logout pages; not a general HTML parser.
/// </summary>
internal sealed partial record HtmlForm(
    Uri Action,
    string Method,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    IReadOnlyList<KeyValuePair<string, string>> SubmitButtons)
{
    public bool HasPasswordField => Fields.Any(f => f.Key == "password");

    public static IReadOnlyList<HtmlForm> ParseAll(string html, Uri pageUri)
    {
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = Attributes(form.Groups["attributes"].Value);
            var action = attributes.GetValueOrDefault("action") is { Length: > 0 } a ? new Uri(pageUri, a) : pageUri;
            var method = attributes.GetValueOrDefault("method")?.ToUpperInvariant() ?? "GET";
            var fields = new List<KeyValuePair<string, string>>();
            var buttons = new List<KeyValuePair<string, string>>();
            foreach (Match control in ControlPattern().Matches(form.Groups["body"].Value))
            {
                var controlAttributes = Attributes(control.Groups["attributes"].Value);
                if (controlAttributes.GetValueOrDefault("name") is not { Length: > 0 } name)
                {
                    continue;
                }

                var value = controlAttributes.GetValueOrDefault("value") ?? string.Empty;
                var type = controlAttributes.GetValueOrDefault("type")?.ToUpperInvariant();
                var isButton = control.Groups["tag"].Value.Equals("button", StringComparison.OrdinalIgnoreCase);
                if (isButton ? type is null or "SUBMIT" : type == "SUBMIT")
                {
                    buttons.Add(new(name, value));
                }
                else if (!isButton)
                {
                    fields.Add(new(name, value));
                }
            }

            forms.Add(new HtmlForm(action, method, fields, buttons));
        }

        return forms;
    }

    /// <summary>The body a browser posts: the fields (overridden by <paramref name="values"/>) and the first submit button.</summary>
    public FormUrlEncodedContent Submit(IReadOnlyDictionary<string, string>? values = null)
    {
        var body = Fields
            .Select(f => values is not null && values.TryGetValue(f.Key, out var v) ? new KeyValuePair<string, string>(f.Key, v) : f)
            .Concat(SubmitButtons.Take(1))
            .ToList();
        return new FormUrlEncodedContent(body);
    }

    /// <summary>The text of the first element with class <c>error</c>, if the page shows one.</summary>
    public static string? ErrorText(string html) =>
        ErrorPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["text"].Value).Trim() : null;

    /// <summary>The page's text without tags, styles or scripts, on one line: for error messages.</summary>
    public static string VisibleText(string html)
    {
        var text = TagPattern().Replace(HiddenPattern().Replace(html, " "), " ");
        return WhitespacePattern().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match a in AttributePattern().Matches(text))
        {
            var value = a.Groups["dq"].Success ? a.Groups["dq"].Value
                : a.Groups["sq"].Success ? a.Groups["sq"].Value
                : a.Groups["bare"].Value;
            attributes.TryAdd(a.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<(?<tag>input|button)\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ControlPattern();

    [GeneratedRegex(@"(?<name>[\w:.-]+)(?:\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'>]+)))?")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<(style|script|head)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HiddenPattern();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"<(?<tag>\w+)[^>]*\bclass=""[^""]*\berror\b[^""]*""[^>]*>(?<text>[^<]*)<", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorPattern();
}
