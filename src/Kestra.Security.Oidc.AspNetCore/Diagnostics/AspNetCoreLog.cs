using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.AspNetCore.Diagnostics;

/// <summary>The package's log lines. Never a token, a code or a secret.</summary>
internal static partial class AspNetCoreLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Signed in {User} through {Client} (callback {Method}, roles from {Source})")]
    public static partial void SignedIn(ILogger logger, string? user, string client, string method, string source);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Login through {Scheme} failed: {Code}: {Reason}")]
    public static partial void LoginFailed(ILogger logger, string scheme, string code, string reason);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Kestra permission {Permission}:{Action} denied to {User} in namespace {Namespace}")]
    public static partial void PermissionDenied(ILogger logger, string permission, string action, string? user, string? @namespace);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "KSO8007: the endpoint requires Kestra permission {Permission}:{Action} in the namespace of route value '{RouteValue}', but the request has no such route value: denied")]
    public static partial void MissingRouteValue(ILogger logger, string permission, string action, string routeValue);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "Kestra permission {Permission}:{Action} denied: the user is refused ({Code}: {Reason})")]
    public static partial void Refused(ILogger logger, string permission, string action, string code, string reason);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Warning, Message = "Login through {Client} refused: {Code}: {Reason}")]
    public static partial void LoginRefused(ILogger logger, string client, string code, string reason);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Kestra permission {Permission}:{Action} denied: the principal carries no Kestra resolution (authenticated by a scheme the package does not know)")]
    public static partial void NoResolution(ILogger logger, string permission, string action);
}
