namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>What a configuration key may hold.</summary>
internal enum SchemaKind
{
    /// <summary>A scalar value.</summary>
    Value,

    /// <summary>A list of scalars (flow or block style, or a comma-separated string).</summary>
    List,

    /// <summary>A section with known child keys.</summary>
    Section,

    /// <summary>A map whose keys are names chosen by the operator (client names, permissions).</summary>
    Map,

    /// <summary>A list of sections (the library's group bindings).</summary>
    SectionList,
}

/// <summary>The shape of the keys the library reads, for binding, unknown-key warnings and environment overrides.</summary>
internal sealed class ConfigSchema
{
    private ConfigSchema(SchemaKind kind, bool open = false)
    {
        Kind = kind;
        Open = open;
    }

    public SchemaKind Kind { get; }

    /// <summary>Sections that belong to someone else too (Micronaut, Kestra): unknown keys there are only reported when they look like a typo.</summary>
    public bool Open { get; }

    public Dictionary<string, ConfigSchema> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The schema of a map's values or of a section list's items.</summary>
    public ConfigSchema? Item { get; private init; }

    /// <summary>Keys whose values must never be printed.</summary>
    public bool Secret { get; private init; }

    public static ConfigSchema Root { get; } = BuildRoot();

    public static ConfigSchema Value() => new(SchemaKind.Value);

    public static ConfigSchema SecretValue() => new(SchemaKind.Value) { Secret = true };

    public static ConfigSchema List() => new(SchemaKind.List);

    public static ConfigSchema Section(bool open = false) => new(SchemaKind.Section, open);

    public static ConfigSchema Map(ConfigSchema item) => new(SchemaKind.Map) { Item = item };

    public static ConfigSchema SectionList(ConfigSchema item) => new(SchemaKind.SectionList) { Item = item };

    public ConfigSchema With(string key, ConfigSchema child)
    {
        Children.Add(key, child);
        return this;
    }

    public ConfigSchema WithValues(params string[] keys)
    {
        foreach (var key in keys)
        {
            Children.Add(key, Value());
        }

        return this;
    }

    private static ConfigSchema Url() => Section().WithValues("url");

    private static ConfigSchema BuildRoot()
    {
        var openId = Section()
            .WithValues("issuer", "configuration-path", "jwks-uri")
            .With("authorization", Section().WithValues(
                "url", "display", "prompt", "max-age", "ui-locales", "acr-values", "response-type", "response-mode", "code-challenge-method"))
            .With("token", Section().WithValues("url", "auth-method", "content-type"))
            .With("user-info", Url())
            .With("end-session", Section().WithValues("enabled", "url"))
            .With("registration", Url())
            .With("introspection", Url())
            .With("revocation", Url())
            .With("check-session", Url());

        var client = Section()
            .WithValues("enabled", "client-id", "grant-type")
            .With("client-secret", SecretValue())
            .With("scopes", List())
            .With("openid", openId)
            .With("authorization", Section(open: true))
            .With("token", Section(open: true))
            .With("client-credentials", Section(open: true))
            .With("pkce", Section(open: true));

        var oauth2 = Section()
            .WithValues("enabled", "login-uri", "callback-uri", "default-provider")
            .With("clients", Map(client))
            .With("openid", Section()
                .WithValues("logout-uri")
                .With("end-session", Section().WithValues("redirect-uri"))
                .With("nonce", Section(open: true))
                .With("claims-validation", Section(open: true))
                .With("additional-claims", Section(open: true))
                .With("id-token", Section(open: true)))
            .With("state", Section(open: true))
            .With("pkce", Section(open: true))
            .With("endpoints", Section(open: true));

        var security = Section(open: true)
            .WithValues("enabled")
            .With("oauth2", oauth2)
            .With("endpoints", Section(open: true)
                .With("logout", Section().WithValues("enabled", "path", "get-allowed")));

        var role = Section()
            .WithValues("name", "description", "tenant-id")
            .With("permissions", Map(List()));

        var kestraSecurity = Section(open: true)
            .With("default-role", role)
            .With("oidc", Section().WithValues("groups-claim-path"))
            .With("super-admin", Section(open: true).WithValues("username", "tenant").With("password", SecretValue()))
            .With("instance-owner", Section(open: true));

        var extensions = Section()
            .WithValues("group-paths", "group-matching", "default-role-mode", "require-groups")
            .With("claim-sources", List())
            .With("access-token", Section().With("audiences", List()).With("authorized-parties", List()))
            .With("introspection", Section().WithValues("cache-duration", "cache-size"))
            .With("roles", Map(Section().WithValues("description").With("permissions", Map(List()))))
            .With("group-bindings", SectionList(Section().WithValues("group", "namespace").With("roles", List())))
            .With("discovery", Section()
                .WithValues("allow-insecure-http", "timeout", "refresh-interval", "max-response-bytes", "jwks-refetch-cooldown", "outage-retry-interval")
                .With("back-channel-base-urls", Map(Value())))
            .With("validation", Section()
                .WithValues("clock-skew", "max-token-bytes")
                .With("algorithms", List()))
            .With("shared-cache", Section().WithValues("redis", "fail-closed", "revocation-retention", "resync-interval"));

        return Section(open: true)
            .With("micronaut", Section(open: true).With("security", security))
            .With("kestra", Section(open: true).WithValues("url").With("security", kestraSecurity))
            .With(ExtensionSection, extensions);
    }

    /// <summary>The top-level section of the library's own keys (documented as extensions, not Kestra keys).</summary>
    public const string ExtensionSection = "kestra-security-oidc";
}
