namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>A clock that never moves, so a fuzz input gives the same result on every run.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
