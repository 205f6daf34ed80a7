namespace Kestra.Security.Oidc.Discovery;

/// <summary>How the provider's answers (discovery, JWKS, introspection, userinfo) are told apart by their content type.</summary>
internal static class MediaTypes
{
    /// <summary>Said when an HTML page answers instead of the provider.</summary>
    public const string HtmlHint = " (an HTML page: a proxy, login or error page answers instead of the provider)";

    /// <summary><c>application/json</c>, or any <c>application/…+json</c>.</summary>
    public static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary><see cref="HtmlHint"/> for an HTML content type, else nothing.</summary>
    public static string HintFor(string mediaType) => mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) ? HtmlHint : string.Empty;
}
