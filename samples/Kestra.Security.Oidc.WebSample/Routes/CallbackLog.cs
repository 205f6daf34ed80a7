namespace Kestra.Security.Oidc.WebSample.Routes;

/// <summary>The sample's log lines (never a token).</summary>
internal static partial class CallbackLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Signed in {User} through {Client} (callback {Method}, roles from {Source})")]
    public static partial void SignedIn(ILogger logger, string? user, string client, string method, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected an ID token from {Client}: {Code}: {Reason}")]
    public static partial void Rejected(ILogger logger, string client, string? code, string reason);
}
