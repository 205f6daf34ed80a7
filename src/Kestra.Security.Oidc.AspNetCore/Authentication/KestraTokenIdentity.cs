using System.Security.Claims;

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

    public KestraTokenIdentity(IEnumerable<Claim> claims, string authenticationType, string client, ReadOnlyMemory<byte> payloadUtf8)
        : base(claims.Where(c => !Reserved.Contains(c.Type)), authenticationType, NameType, KestraClaimTypes.Role)
    {
        Client = client;
        PayloadUtf8 = payloadUtf8;
        AddClaim(new Claim(KestraClaimTypes.Client, client));
    }

    private KestraTokenIdentity(KestraTokenIdentity other)
        : base(other)
    {
        Client = other.Client;
        PayloadUtf8 = other.PayloadUtf8;
    }

    public string Client { get; }

    public ReadOnlyMemory<byte> PayloadUtf8 { get; }

    public override ClaimsIdentity Clone() => new KestraTokenIdentity(this);
}
