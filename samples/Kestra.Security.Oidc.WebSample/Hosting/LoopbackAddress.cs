using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.WebSample.Hosting;

/// <summary>Where the sample listens: plain HTTP on 127.0.0.1, at the port of <c>kestra.url</c>.</summary>
internal static class LoopbackAddress
{
    public static int PortOf(KestraOidcOptions options)
    {
        if (!Uri.TryCreate(options.KestraUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException(
                $"The web sample serves plain HTTP on 127.0.0.1 at the port of 'kestra.url', which is {(options.KestraUrl is null ? "not set" : $"'{options.KestraUrl}'")}: " +
                "set kestra.url to an http:// URL such as http://127.0.0.1:8080 (the provider's redirect URIs are built from it).");
        }

        return url.Port;
    }
}
