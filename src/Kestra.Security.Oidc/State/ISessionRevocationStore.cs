namespace Kestra.Security.Oidc.State;

/// <summary>
/// Sessions ended by back-channel logout. <see cref="Check"/> runs on every request and never does I/O; a shared
/// implementation keeps a local copy fed by the shared store.
/// </summary>
/// <remarks>
/// Matching rules: a revoked <c>sid</c> refuses everything carrying that <c>sid</c>; a revoked <c>sub</c> (a logout token
/// without <c>sid</c>) refuses everything of that subject issued at or before the logout. A token without <c>sid</c> cannot
/// tell its session apart, so a revoked <c>sid</c> also refuses such tokens of the same subject issued at or before the logout.
/// </remarks>
public interface ISessionRevocationStore
{
    /// <summary>Records a revocation and shares it with the other instances.</summary>
    /// <returns><see langword="true"/> when shared; <see langword="false"/> when only this instance has it for now (the shared store is unreachable; it is sent when it is back).</returns>
    ValueTask<bool> RevokeAsync(SessionRevocation revocation, CancellationToken cancellationToken = default);

    /// <summary>Whether a session or token is revoked. No I/O.</summary>
    RevocationStatus Check(in SessionReference session);
}
