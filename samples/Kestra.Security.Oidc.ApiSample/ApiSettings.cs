namespace Kestra.Security.Oidc.ApiSample;

/// <summary>The sample's switches: <c>--config FILE</c> (Kestra's YAML), <c>--urls URL</c> (loopback only), <c>--exit-on-stdin-close true</c>.</summary>
internal sealed record ApiSettings(string ConfigPath, Uri Url, bool ExitOnStdinClose)
{
    public static ApiSettings From(IConfiguration configuration)
    {
        var config = Path.GetFullPath(configuration["config"] ?? Path.Combine(AppContext.BaseDirectory, "application.yml"));
        var urls = configuration["urls"] ?? "http://127.0.0.1:8081";
        if (urls.Contains(';', StringComparison.Ordinal) || !Uri.TryCreate(urls, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttp || !url.IsLoopback || url.Host == "localhost")
        {
            throw new InvalidOperationException(
                $"--urls is '{urls}': the API sample listens on one plain-HTTP loopback address only, e.g. --urls http://127.0.0.1:8081 (put a TLS proxy in front for anything else).");
        }

        return new ApiSettings(config, url, configuration.GetValue("exit-on-stdin-close", false));
    }
}
