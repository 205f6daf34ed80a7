using System.Security.Claims;
using Kestra.Security.Oidc.Authorization;

namespace Kestra.Security.Oidc.AspNetCore.Claims;

/// <summary>The identity the claims transformation adds: <c>kestra_group</c> and <c>kestra_role</c> claims and the resolution itself.</summary>
internal sealed class KestraResolvedIdentity : ClaimsIdentity
{
    public const string Type = "Kestra.Resolution";

    private KestraResolvedIdentity(RoleResolution resolution, IEnumerable<Claim> claims)
        : base(claims, Type, KestraClaimTypes.Group, KestraClaimTypes.Role) => Resolution = resolution;

    private KestraResolvedIdentity(KestraResolvedIdentity other)
        : base(other) => Resolution = other.Resolution;

    public RoleResolution Resolution { get; }

    public static KestraResolvedIdentity From(RoleResolution resolution)
    {
        var claims = new List<Claim>(resolution.Groups.Count + resolution.Roles.Count);
        foreach (var group in resolution.Groups)
        {
            claims.Add(new Claim(KestraClaimTypes.Group, group));
        }

        foreach (var role in resolution.Roles.Select(r => r.Name).Distinct(StringComparer.Ordinal))
        {
            claims.Add(new Claim(KestraClaimTypes.Role, role));
        }

        return new KestraResolvedIdentity(resolution, claims);
    }

    public override ClaimsIdentity Clone() => new KestraResolvedIdentity(this);
}
