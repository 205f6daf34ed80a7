namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>The payload of a realistic Keycloak ID token (~1.5 KB), embedded so every run measures the same bytes.</summary>
internal static class KeycloakPayload
{
    public static string Json { get; } = ReadEmbedded();

    private static string ReadEmbedded()
    {
        using var stream = typeof(KeycloakPayload).Assembly.GetManifestResourceStream("keycloak-id-token.json")
            ?? throw new InvalidOperationException("keycloak-id-token.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
