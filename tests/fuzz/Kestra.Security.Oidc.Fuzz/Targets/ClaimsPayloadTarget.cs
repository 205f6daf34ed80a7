using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// <c>claims-payload</c>: the first byte picks a claim path and evaluation options, the rest is an ID-token payload.
/// Evaluation throws only <see cref="ClaimsPayloadException"/>; results hold distinct non-empty strings; the role
/// resolver on the same payload throws only <see cref="ClaimsPayloadException"/>.
/// </summary>
internal sealed class ClaimsPayloadTarget : IFuzzTarget
{
    private static readonly ClaimPath[] Paths =
    [
        ClaimPath.Parse("groups"),
        ClaimPath.Parse("resource_access.kestra.roles"),
        ClaimPath.Parse("groups[*].name"),
        ClaimPath.Parse("/resource_access/kestra/roles/0"),
        ClaimPath.Parse("https://kestra.io/groups"),
        ClaimPath.Parse("['my.client'].roles[1]"),
        ClaimPath.Parse("a[*][*].b"),
        ClaimPath.Parse("realm_access.roles"),
    ];

    private static readonly ClaimPathEvaluationOptions[] Options =
    [
        ClaimPathEvaluationOptions.Default,
        new() { ParseJsonStringLeaf = true },
        new() { Delimiter = "," },
        new() { MaxDepth = 4 },
    ];

    private static readonly KestraRoleResolver Resolver = CreateResolver();

    public string Name => "claims-payload";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var path = Paths[data[0] & 7];
        var options = Options[(data[0] >> 3) & 3];
        var payload = data[1..];
        try
        {
            ClaimsPayloadChecks.CheckResult(path.Evaluate(payload, options));
        }
        catch (ClaimsPayloadException)
        {
        }

        try
        {
            var resolution = Resolver.Resolve(payload);
            _ = resolution.ToString();
        }
        catch (ClaimsPayloadException)
        {
        }
    }

    private static KestraRoleResolver CreateResolver()
    {
        var options = new KestraOidcOptions { GroupsClaimPath = "resource_access.kestra.roles" };
        options.DefaultRole = new RoleOptions { Name = "viewer" };
        options.DefaultRole.Permissions["FLOW"] = ["READ"];
        return new KestraRoleResolver(options);
    }
}
