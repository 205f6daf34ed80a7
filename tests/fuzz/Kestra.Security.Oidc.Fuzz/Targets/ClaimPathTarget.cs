using System.Text;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// <c>claim-path</c>: the input is a claim path. <see cref="ClaimPath.TryParse"/> never throws;
/// <see cref="ClaimPath.Parse"/> throws only <see cref="ClaimPathSyntaxException"/> with a column inside the path;
/// a parsed path's canonical text parses back to an equal path; evaluating it on a fixed payload never throws
/// and returns distinct, non-empty strings.
/// </summary>
internal sealed class ClaimPathTarget : IFuzzTarget
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""
        {"sub":"u1","groups":["/admins","/dev/ops","/admins",""],"resource_access":{"kestra":{"roles":["editor","viewer"]},
         "my.client":{"roles":["a"]}},"https://kestra.io/groups":["x","y"],"a/b":{"c~d":"pointer"},"n":[1,true,null,{"k":"v"}],
         "nested":"{\"roles\":[\"from-string\"]}","deep":[[[["z"]]]],"o":{"":"empty-key"}}
        """);

    public string Name => "claim-path";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (!ClaimPath.TryParse(text, out var path, out var error))
        {
            if (error.Column < 1 || error.Column > text.Length + 1)
            {
                throw new FuzzInvariantException($"syntax error column {error.Column} outside a path of {text.Length} characters");
            }

            try
            {
                _ = ClaimPath.Parse(text);
                throw new FuzzInvariantException("Parse accepted a path that TryParse refused");
            }
            catch (ClaimPathSyntaxException)
            {
            }

            return;
        }

        var canonical = path.ToString();
        if (!ClaimPath.TryParse(canonical, out var again, out var againError))
        {
            throw new FuzzInvariantException($"the canonical form '{canonical}' of a valid path does not parse: {againError.Message}");
        }

        if (!again.Equals(path) || again.GetHashCode() != path.GetHashCode())
        {
            throw new FuzzInvariantException($"the canonical form '{canonical}' parses to a different path");
        }

        ClaimsPayloadChecks.CheckResult(path.Evaluate(Payload));
        ClaimsPayloadChecks.CheckResult(path.Evaluate(Payload, new ClaimPathEvaluationOptions { ParseJsonStringLeaf = true, Delimiter = "," }));
    }
}
