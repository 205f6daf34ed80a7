using System.Web;

namespace Kestra.Security.Oidc.EndToEndTests.Infrastructure;

internal static class Query
{
    /// <summary>The query parameters of <paramref name="uri"/>, decoded (the last value of a repeated name).</summary>
    public static IReadOnlyDictionary<string, string> Parse(Uri uri)
    {
        var values = HttpUtility.ParseQueryString(uri.Query);
        return values.AllKeys.OfType<string>().ToDictionary(k => k, k => values.GetValues(k)![^1], StringComparer.Ordinal);
    }

    public static Uri Append(Uri uri, IReadOnlyDictionary<string, string> parameters) =>
        new($"{uri.AbsoluteUri}{(uri.Query.Length == 0 ? "?" : "&")}{string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))}");
}
