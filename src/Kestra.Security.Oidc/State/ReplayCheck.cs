namespace Kestra.Security.Oidc.State;

/// <summary>The answer of <see cref="IReplayCache.TryAcceptAsync"/>.</summary>
public enum ReplayCheck
{
    /// <summary>First use of the identifier: it is now remembered until its expiry.</summary>
    Accepted,

    /// <summary>The identifier was seen before (on this instance or, with a shared store, on any instance).</summary>
    Replayed,
}
