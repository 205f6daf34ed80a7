using Kestra.Security.Oidc.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>Log lines of the shared state (event ids 8501–8519). Never a token, a jti or a session id.</summary>
internal static partial class SharedStateLog
{
    [LoggerMessage(EventId = 8501, Level = LogLevel.Information, Message = "Shared state: Redis at {Endpoint} (fail-closed: {FailClosed}, revocations kept {Retention}, resync every {Resync})")]
    public static partial void UsingRedis(ILogger logger, string endpoint, bool failClosed, TimeSpan retention, TimeSpan resync);

    [LoggerMessage(EventId = 8502, Level = LogLevel.Warning, Message = SharedStateCodes.RedisLost + ": Redis at {Endpoint} is unreachable ({Connection}: {Failure}); {Consequence}")]
    public static partial void RedisLost(ILogger logger, string endpoint, ConnectionType connection, ConnectionFailureType failure, string consequence);

    [LoggerMessage(EventId = 8503, Level = LogLevel.Information, Message = "Redis at {Endpoint} is reachable again ({Connection}); resynchronising revocations")]
    public static partial void RedisRestored(ILogger logger, string endpoint, ConnectionType connection);

    [LoggerMessage(EventId = 8504, Level = LogLevel.Information, Message = "Revocations resynchronised from Redis at {Endpoint}: {Count} live, {Pushed} pushed from this instance")]
    public static partial void Resynchronised(ILogger logger, string endpoint, int count, int pushed);

    [LoggerMessage(EventId = 8505, Level = LogLevel.Warning, Message = SharedStateCodes.ResyncFailed + ": could not resynchronise revocations from Redis at {Endpoint}: {Reason}")]
    public static partial void ResyncFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 8506, Level = LogLevel.Warning, Message = SharedStateCodes.RevocationNotShared + ": a revocation is kept on this instance only until Redis at {Endpoint} is back: {Reason}")]
    public static partial void RevocationNotShared(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 8507, Level = LogLevel.Warning, Message = SharedStateCodes.ReplayCheckLocal + ": a replay check was made on this instance only (Redis at {Endpoint}: {Reason})")]
    public static partial void ReplayCheckLocal(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 8508, Level = LogLevel.Warning, Message = SharedStateCodes.UnreadableRevocation + ": ignored an unreadable revocation from Redis at {Endpoint}")]
    public static partial void UnreadableRevocation(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 8510, Level = LogLevel.Information, Message = "Refused a request authenticated by {Scheme}: {Refusal}")]
    public static partial void SessionRefused(ILogger logger, string scheme, string refusal);
}
