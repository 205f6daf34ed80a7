using System.Net;
using System.Text;

namespace Kestra.Security.Oidc.WebSample.Pages;

/// <summary>Plain server-rendered HTML: no scripts, every value encoded.</summary>
internal static class Html
{
    private const string Style =
        "body{font-family:'DejaVu Sans',sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2430}" +
        "h1{color:#5a2ee0}table{border-collapse:collapse;margin:.5rem 0 1.5rem}" +
        "th,td{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f1edfd}" +
        ".tag{display:inline-block;background:#e7e1fc;border-radius:.8rem;padding:.1rem .6rem;margin:.1rem}" +
        ".warn{color:#8a4b00}nav a,nav button{margin-right:1rem}form{display:inline}";

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(title))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<h1>")
            .Append(Encode(title))
            .Append("</h1>\n")
            .Append(body)
            .Append("\n</body>\n</html>\n")
            .ToString();
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

}
