using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>Source-generated log messages of discovery (event ids 5000–5099). Never logs tokens or secrets.</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(5000, LogLevel.Information, "Fetched OpenID metadata of client '{Client}' from {Url}: issuer '{Issuer}', {KeyCount} signing key(s)")]
    public static partial void Fetched(ILogger logger, string client, Uri url, string issuer, int keyCount);

    [LoggerMessage(5001, LogLevel.Warning, "Discovery of client '{Client}': {Warning}")]
    public static partial void Warning(ILogger logger, string client, string warning);

    [LoggerMessage(5002, LogLevel.Warning, "Refreshing OpenID metadata of client '{Client}' failed ({Code}); serving the metadata fetched at {FetchedAt:O}, next attempt after {RetryAt:O}")]
    public static partial void ServingLastGood(ILogger logger, string client, string code, DateTimeOffset fetchedAt, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(5003, LogLevel.Error, "Fetching OpenID metadata of client '{Client}' failed ({Code}); next attempt after {RetryAt:O}")]
    public static partial void FetchFailed(ILogger logger, string client, string code, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(5004, LogLevel.Information, "Refetched the JWKS of client '{Client}' for an unknown key id: {KeyCount} signing key(s)")]
    public static partial void KeysRefetched(ILogger logger, string client, int keyCount);

    [LoggerMessage(5005, LogLevel.Debug, "Unknown key id for client '{Client}' but the JWKS was refetched less than {Cooldown} ago; not refetching")]
    public static partial void KeyRefetchCoolingDown(ILogger logger, string client, TimeSpan cooldown);
}
