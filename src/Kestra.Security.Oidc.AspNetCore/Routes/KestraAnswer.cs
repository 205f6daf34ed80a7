using Microsoft.AspNetCore.Http;

namespace Kestra.Security.Oidc.AspNetCore.Routes;

/// <summary>The plain-text answers of Kestra's routes when something goes wrong: a status, a code and what to do.</summary>
internal static class KestraAnswer
{
    public static Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync($"{title}\n{code}: {detail}\n", context.RequestAborted);
    }

    public static void MethodNotAllowed(HttpContext context, string allow)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allow;
    }

    /// <summary>
    /// Only a local path (<c>/me</c>) may be a return URL; anything else goes home. Control characters and spaces are refused
    /// too: browsers drop tabs and newlines, which would turn <c>/\t/evil.example</c> into <c>//evil.example</c>.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] or "/" && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? returnUrl : "/";
}
