using StackExchange.Redis;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>What counts as "Redis is unreachable or failing" (as opposed to a bug), and how it is described in logs.</summary>
internal static class RedisFailures
{
    public static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or RedisTimeoutException or ObjectDisposedException or OperationCanceledException;

    /// <summary>The exception's type and message (Redis messages name the endpoint and the command, never a value).</summary>
    public static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
