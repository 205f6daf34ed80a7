using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>Source-generated log messages of token validation (event ids 5100–5199). Never logs the token.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(5100, LogLevel.Debug, "{Kind} for client '{Client}' rejected by the {Check} check ({Code})")]
    public static partial void Rejected(ILogger logger, string kind, string client, TokenCheck check, string code);

    [LoggerMessage(5101, LogLevel.Information, "Token for client '{Client}' names a key id not in the JWKS; refetching the JWKS")]
    public static partial void UnknownKeyRefetch(ILogger logger, string client);

    [LoggerMessage(5102, LogLevel.Warning, "Refetching the JWKS of client '{Client}' for an unknown key id failed ({Code}); the token is rejected")]
    public static partial void RefetchFailed(ILogger logger, string client, string code, Exception exception);
}
