namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>What <c>POST /__admin/rotate-keys</c> answered.</summary>
/// <param name="SigningKid">The <c>kid</c> new tokens are signed with.</param>
/// <param name="PublishedKids">Every <c>kid</c> the JWKS now holds, newest first.</param>
public sealed record KeyRotation(string SigningKid, IReadOnlyList<string> PublishedKids);
