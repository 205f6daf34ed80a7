using System.Security.Claims;
using Kestra.Security.Oidc.Authorization;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// The identity of a token the library validated: its claims, the client it was validated for, and its raw JSON payload,
/// which the claims transformation resolves (never the flattened claims, which lose <c>"a"</c> versus <c>["a"]</c>).
/// </summary>
internal sealed class KestraTokenIdentity : ClaimsIdentity
{
    public const string NameType = "preferred_username";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        KestraClaimTypes.Group, KestraClaimTypes.Role, KestraClaimTypes.Client,
    };

    public KestraTokenIdentity(IEnumerable<Claim> claims, string authenticationType, string client, ReadOnlyMemory<byte> payloadUtf8, RoleResolution? resolution = null)
        : base(claims.Where(c => !Reserved.Contains(c.Type)), authenticationType, NameType, KestraClaimTypes.Role)
    {
        Client = client;
        PayloadUtf8 = payloadUtf8;
        Resolution = resolution;
        AddClaim(new Claim(KestraClaimTypes.Client, client));
    }

    private KestraTokenIdentity(KestraTokenIdentity other)
        : base(other)
    {
        Client = other.Client;
        PayloadUtf8 = other.PayloadUtf8;
        Resolution = other.Resolution;
    }

    public string Client { get; }

    public ReadOnlyMemory<byte> PayloadUtf8 { get; }

    /// <summary>The resolution made while authenticating (access tokens: the claim-source chain), or null to resolve the payload.</summary>
    public RoleResolution? Resolution { get; }

    public override ClaimsIdentity Clone() => new KestraTokenIdentity(this);
}
