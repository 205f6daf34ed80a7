namespace Kestra.Security.Oidc.WebSample.Hosting;

internal static class SecurityHeaders
{
    /// <summary>The pages load nothing from elsewhere and run no script; say so, and keep URLs (codes) out of Referer headers.</summary>
    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
}
