using System.Text;

namespace Kestra.Security.Oidc.Tests.Claims;

/// <summary>Test payloads under TestData/Claims, and a helper for inline JSON.</summary>
internal static class ClaimPayloads
{
    public static byte[] Keycloak => Load("keycloak-id-token.json");

    public static byte[] Gateway => Load("gateway-stringified.json");

    public static byte[] Okta => Load("okta-groups-objects.json");

    public static byte[] Load(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Claims", name));

    /// <summary>Inline JSON written with single quotes for readability.</summary>
    public static byte[] Json(string singleQuoted) => Encoding.UTF8.GetBytes(singleQuoted.Replace('\'', '"'));
}
