namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new YamlTarget(),
        new ClaimPathTarget(),
        new ClaimsPayloadTarget(),
        new TokenTarget(),
    ];

    public static IFuzzTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
