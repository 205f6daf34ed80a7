using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DevLab.JmesPath;
using DevLab.JmesPath.Expressions;
using Json.Pointer;
using Kestra.Security.Oidc.Claims;
using Newtonsoft.Json.Linq;

namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>
/// The strings at <c>resource_access.kestra.roles</c> of a realistic Keycloak ID-token payload (UTF-8), three ways.
/// Each library compiles its expression once (in the constructor) and parses the payload its own idiomatic way in
/// the measured call: JmesPath.Net via Newtonsoft <see cref="JToken"/> (as Grafana-style mappers do), JsonPointer.Net
/// via <see cref="JsonDocument"/> (as Vault-style mappers do), Kestra.Security.Oidc straight from the bytes.
/// </summary>
[MemoryDiagnoser]
public class ClaimPathBenchmarks
{
    private readonly byte[] _payload = Encoding.UTF8.GetBytes(KeycloakPayload.Json);
    private readonly ClaimPath _kestra = ClaimPath.Parse("resource_access.kestra.roles");
    private readonly JmesPathExpression _jmes = new JmesPath().Parse("resource_access.kestra.roles");
    private readonly JsonPointer _pointer = JsonPointer.Parse("/resource_access/kestra/roles");

    /// <summary>Fails the run if the three ways disagree, so the numbers compare the same work.</summary>
    [GlobalSetup]
    public void CheckAllAgree()
    {
        string[] expected = ["kestra-admin", "kestra-developer", "kestra-viewer"];
        if (!KestraClaimPath().SequenceEqual(expected) || !JmesPathNet().SequenceEqual(expected) || !JsonPointerNet().SequenceEqual(expected))
        {
            throw new InvalidOperationException("the three implementations disagree on resource_access.kestra.roles");
        }
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<string> KestraClaimPath() => _kestra.Evaluate(_payload).Values;

    [Benchmark]
    public IReadOnlyList<string> JmesPathNet()
    {
        var token = JToken.Parse(Encoding.UTF8.GetString(_payload));
        var roles = _jmes.Transform(token).Token;
        return roles is JArray array ? array.Values<string>().OfType<string>().ToList() : [];
    }

    [Benchmark]
    public IReadOnlyList<string> JsonPointerNet()
    {
        using var document = JsonDocument.Parse(_payload);
        var roles = _pointer.Evaluate(document.RootElement);
        if (roles is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var values = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
        }

        return values;
    }
}
