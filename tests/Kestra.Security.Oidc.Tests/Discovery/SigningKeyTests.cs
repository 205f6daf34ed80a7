using System.Security.Cryptography;
using System.Text;
using Kestra.Security.Oidc.Discovery;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Tests.Discovery;

/// <summary>
/// <see cref="SigningKey.Verify"/> digests the signing input itself with a reused per-thread context (issue 15): for every
/// algorithm it must accept exactly what <c>SignData</c> signed with that algorithm, and nothing else, on any thread, again and again.
/// </summary>
public sealed class SigningKeyTests
{
    private static readonly byte[] Input = Encoding.ASCII.GetBytes("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0");

    private static (SigningKey Key, byte[] Signature) Signed(string algorithm)
    {
        var hash = algorithm[2..] switch { "384" => HashAlgorithmName.SHA384, "512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        if (algorithm[0] == 'E')
        {
            var curve = algorithm[2..] switch { "384" => ECCurve.NamedCurves.nistP384, "512" => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 };
            var ec = ECDsa.Create(curve);
            var publicEc = ECDsa.Create(ec.ExportParameters(false));
            return (new SigningKey(new ECDsaSecurityKey(publicEc), "ec", algorithm, publicEc), ec.SignData(Input, hash));
        }

        var padding = algorithm[0] == 'P' ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        var rsa = Tokens.TestKey.Current.Rsa;
        var publicRsa = RSA.Create(rsa.ExportParameters(false));
        return (new SigningKey(new RsaSecurityKey(publicRsa), "rsa", algorithm, publicRsa), rsa.SignData(Input, hash, padding));
    }

    [TestCase("RS256")]
    [TestCase("RS384")]
    [TestCase("RS512")]
    [TestCase("PS256")]
    [TestCase("PS384")]
    [TestCase("PS512")]
    [TestCase("ES256")]
    [TestCase("ES384")]
    [TestCase("ES512")]
    public void A_signature_verifies_with_its_own_algorithm_only_and_not_once_altered(string algorithm)
    {
        var (key, signature) = Signed(algorithm);
        var altered = (byte[])Input.Clone();
        altered[^1] ^= 1;

        key.Verify(Input, signature).Should().BeTrue();
        key.Verify(altered, signature).Should().BeFalse("one bit of the signing input changed");
        key.Verify(Input, signature).Should().BeTrue("the digest context was reset after the failed check");
        foreach (var other in new[] { "256", "384", "512" }.Where(bits => bits != algorithm[2..]))
        {
            var (otherKey, otherSignature) = Signed(algorithm[..2] + other);
            key.Verify(Input, otherSignature).Should().BeFalse($"a {algorithm[..2]}{other} signature is not a {algorithm} one");
            otherKey.Verify(Input, otherSignature).Should().BeTrue();
        }
    }

    [Test]
    public async Task Threads_verifying_at_once_each_get_the_right_answer()
    {
        var (key, signature) = Signed("RS256");
        var altered = (byte[])Input.Clone();
        altered[0] ^= 1;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Enumerable.Range(0, 50).All(j => key.Verify((i + j) % 2 == 0 ? Input : altered, signature) == ((i + j) % 2 == 0)))));

        results.Should().AllSatisfy(ok => ok.Should().BeTrue());
    }
}
