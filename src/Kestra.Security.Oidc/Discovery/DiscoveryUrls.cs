using System.Text.RegularExpressions;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>URL rules of SPEC §5: Micronaut's join, the loopback-only <c>http://</c> rule, back-channel rewriting, Keycloak's <c>/auth</c> forms.</summary>
internal static partial class DiscoveryUrls
{
    /// <summary>The issuer with a trailing <c>/.well-known/openid-configuration</c> removed (the configuration validator warns about it).</summary>
    public static string EffectiveIssuer(string issuer)
    {
        var trimmed = issuer.TrimEnd('/');
        return trimmed.EndsWith(OpenIdProviderOptions.DefaultConfigurationPath, StringComparison.Ordinal)
            ? trimmed[..^OpenIdProviderOptions.DefaultConfigurationPath.Length]
            : issuer;
    }

    /// <summary>Issuer path + configuration path, joined as Micronaut's <c>StringUtils.prependUri</c> does: duplicate slashes collapsed.</summary>
    public static Uri DiscoveryUrl(Uri issuer, string configurationPath)
    {
        var path = configurationPath.StartsWith('/') ? configurationPath : "/" + configurationPath;
        if (path == "/")
        {
            path = string.Empty;
        }

        var joined = MultipleSlashes().Replace(issuer.AbsolutePath + path, "/");
        return new UriBuilder(issuer) { Path = joined, Query = string.Empty, Fragment = string.Empty }.Uri;
    }

    /// <summary>Sends <paramref name="url"/> to the back-channel base when it is on the issuer's origin (scheme, host, port).</summary>
    public static Uri ToBackChannel(Uri url, Uri issuer, Uri? backChannelBase)
    {
        if (backChannelBase is null || !SameOrigin(url, issuer))
        {
            return url;
        }

        var prefix = backChannelBase.AbsolutePath.TrimEnd('/');
        return new UriBuilder(url)
        {
            Scheme = backChannelBase.Scheme,
            Host = backChannelBase.Host,
            Port = backChannelBase.Port,
            Path = prefix + url.AbsolutePath,
        }.Uri;
    }

    /// <summary>Throws <see cref="DiscoveryErrorCodes.InsecureHttp"/> for an <c>http://</c> URL off loopback unless allowed.</summary>
    public static void EnsureSecure(Uri url, string what, bool allowInsecureHttp)
    {
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !allowInsecureHttp)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.InsecureHttp,
                $"{what} '{url}' uses http:// on a host that is not loopback; use https://, or, if the network is trusted (e.g. a container network), set 'kestra-security-oidc.discovery.allow-insecure-http: true'",
                url);
        }
    }

    /// <summary>For a 404: the Keycloak issuer with <c>/auth</c> added or removed, when the issuer looks like a Keycloak realm.</summary>
    public static string? KeycloakAlternative(Uri issuer)
    {
        var match = RealmPath().Match(issuer.AbsolutePath);
        if (!match.Success)
        {
            return null;
        }

        var alternativePath = match.Groups["auth"].Success
            ? $"{match.Groups["prefix"].Value}/realms/{match.Groups["realm"].Value}"
            : $"{match.Groups["prefix"].Value}/auth/realms/{match.Groups["realm"].Value}";
        return new UriBuilder(issuer) { Path = alternativePath }.Uri.ToString().TrimEnd('/');
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("/{2,}")]
    private static partial Regex MultipleSlashes();

    [GeneratedRegex("^(?<prefix>.*?)(?<auth>/auth)?/realms/(?<realm>[^/]+)/?$")]
    private static partial Regex RealmPath();
}
