using System.Buffers.Text;
using System.Security.Cryptography;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>An EC key pair on one curve, for tokens signed with ES256/384/512 and its public JWK.</summary>
internal sealed class TestEcKey(string keyId, ECCurve curve, string curveName)
{
    public static TestEcKey P256 { get; } = new("ec-p256", ECCurve.NamedCurves.nistP256, "P-256");

    public string KeyId { get; } = keyId;

    public ECDsa Ec { get; } = ECDsa.Create(curve);

    public Dictionary<string, object?> ToJwk(string? alg = null)
    {
        var q = Ec.ExportParameters(false).Q;
        var jwk = new Dictionary<string, object?>
        {
            ["kid"] = KeyId,
            ["kty"] = "EC",
            ["use"] = "sig",
            ["crv"] = curveName,
            ["x"] = Base64Url.EncodeToString(q.X),
            ["y"] = Base64Url.EncodeToString(q.Y),
        };
        if (alg is not null)
        {
            jwk["alg"] = alg;
        }

        return jwk;
    }
}
