namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>The configuration and JSON spelling of <see cref="ClaimSourceKind"/>: <c>id-token</c>, <c>userinfo</c>, <c>access-token</c>, <c>introspection</c>.</summary>
public static class ClaimSourceNames
{
    /// <summary>Every name, in the order of <see cref="ClaimSourceKind"/>.</summary>
    public static IReadOnlyList<string> All { get; } = ["id-token", "userinfo", "access-token", "introspection"];

    /// <summary>The name of <paramref name="kind"/>, e.g. <c>access-token</c>.</summary>
    public static string Of(ClaimSourceKind kind) => kind switch
    {
        ClaimSourceKind.IdToken => "id-token",
        ClaimSourceKind.UserInfo => "userinfo",
        ClaimSourceKind.AccessToken => "access-token",
        ClaimSourceKind.Introspection => "introspection",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a claim source"),
    };

    /// <summary>Reads a name case-insensitively, with <c>-</c> ≡ <c>_</c> and camelCase accepted (<c>idToken</c>, <c>ID_TOKEN</c>, <c>user-info</c>).</summary>
    public static bool TryParse(string? text, out ClaimSourceKind kind)
    {
        var key = (text ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        (var found, kind) = key switch
        {
            "IDTOKEN" => (true, ClaimSourceKind.IdToken),
            "USERINFO" => (true, ClaimSourceKind.UserInfo),
            "ACCESSTOKEN" => (true, ClaimSourceKind.AccessToken),
            "INTROSPECTION" => (true, ClaimSourceKind.Introspection),
            _ => (false, default),
        };
        return found;
    }
}
