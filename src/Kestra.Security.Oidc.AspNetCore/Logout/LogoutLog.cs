using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>Log lines of the back-channel logout endpoint (event ids 8520–8529). Never the token, a session id or a subject.</summary>
internal static partial class LogoutLog
{
    [LoggerMessage(EventId = 8520, Level = LogLevel.Information, Message = "Back-channel logout through client '{Client}': ended {What}; shared with the other instances: {Shared}")]
    public static partial void SessionEnded(ILogger logger, string client, string what, bool shared);

    [LoggerMessage(EventId = 8521, Level = LogLevel.Warning, Message = "Back-channel logout through client '{Client}' refused: {Description}")]
    public static partial void Refused(ILogger logger, string client, string description);
}
