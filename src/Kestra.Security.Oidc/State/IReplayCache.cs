namespace Kestra.Security.Oidc.State;

/// <summary>Identifiers that may be accepted only once (the <c>jti</c> of logout tokens). Atomic: of two concurrent calls with one key, exactly one is accepted.</summary>
public interface IReplayCache
{
    /// <summary>Accepts <paramref name="key"/> once and remembers it until <paramref name="expiresAt"/>.</summary>
    ValueTask<ReplayCheck> TryAcceptAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
