using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>Source-generated log messages of ID-token validation (event ids 5100–5199). Never logs the token.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(5100, LogLevel.Debug, "ID token for client '{Client}' rejected by the {Check} check ({Code})")]
    public static partial void Rejected(ILogger logger, string client, IdTokenCheck check, string? code);

    [LoggerMessage(5101, LogLevel.Information, "ID token for client '{Client}' names a key id not in the JWKS; refetching the JWKS")]
    public static partial void UnknownKeyRefetch(ILogger logger, string client);

    [LoggerMessage(5102, LogLevel.Debug, "Access token for client '{Client}' rejected by the {Check} check ({Code})")]
    public static partial void AccessTokenRejected(ILogger logger, string client, AccessTokenCheck check, string? code);
}
