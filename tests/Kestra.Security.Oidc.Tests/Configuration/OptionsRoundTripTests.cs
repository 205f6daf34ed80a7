using System.Collections;
using System.Reflection;
using System.Text;
using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>
/// A configuration key is written in several places (the schema of known keys, the options builder, the validator, the
/// copy into the options system). This test proves that every option survives load → bind → copy: it finds every leaf
/// property of <see cref="KestraOidcOptions"/> and its nested option types by reflection, requires a key and a non-default
/// value for each in <see cref="Keys"/>, writes them as YAML and as <see cref="IConfiguration"/>, and checks each value
/// reaches the options a host receives from <c>AddKestraOidc</c>. A new property without a key here, a key the schema
/// does not know (KSO1004), or one the builder or the copy forgets, fails it.
/// </summary>
public sealed class OptionsRoundTripTests
{
    private const string Client = "keycloak";
    private const string Role = "Ops";
    private const string OAuth2 = "micronaut.security.oauth2";
    private const string ClientKey = $"{OAuth2}.clients.{Client}";
    private const string Extension = "kestra-security-oidc";

    /// <summary>A key and a value of that key which differs from the default, per leaf property ([*]: the one map entry or list item).</summary>
    private static readonly Dictionary<string, Setting> Keys = new(StringComparer.Ordinal)
    {
        ["Enabled"] = new($"{OAuth2}.enabled", "false", false),
        ["Clients[*].Enabled"] = new($"{ClientKey}.enabled", "false", false),
        ["Clients[*].ClientId"] = new($"{ClientKey}.client-id", "my-client", "my-client"),
        ["Clients[*].ClientSecret"] = new($"{ClientKey}.client-secret", "my-client-secret", "my-client-secret"),
        ["Clients[*].Scopes"] = new($"{ClientKey}.scopes", new[] { "openid", "roles" }, new List<string> { "openid", "roles" }),
        ["Clients[*].OpenId.Issuer"] = new($"{ClientKey}.openid.issuer", "http://localhost:8088/realms/x", "http://localhost:8088/realms/x"),
        ["Clients[*].OpenId.ConfigurationPath"] = new($"{ClientKey}.openid.configuration-path", "/custom/discovery", "/custom/discovery"),
        ["Clients[*].OpenId.JwksUri"] = new($"{ClientKey}.openid.jwks-uri", "http://localhost:8088/jwks", "http://localhost:8088/jwks"),
        ["Clients[*].OpenId.AuthorizationUrl"] = new($"{ClientKey}.openid.authorization.url", "http://localhost:8088/auth", "http://localhost:8088/auth"),
        ["Clients[*].OpenId.TokenUrl"] = new($"{ClientKey}.openid.token.url", "http://localhost:8088/token", "http://localhost:8088/token"),
        ["Clients[*].OpenId.UserInfoUrl"] = new($"{ClientKey}.openid.user-info.url", "http://localhost:8088/me", "http://localhost:8088/me"),
        ["Clients[*].OpenId.EndSessionUrl"] = new($"{ClientKey}.openid.end-session.url", "http://localhost:8088/bye", "http://localhost:8088/bye"),
        ["Clients[*].OpenId.EndSessionEnabled"] = new($"{ClientKey}.openid.end-session.enabled", "false", false),
        ["Clients[*].OpenId.IntrospectionUrl"] = new($"{ClientKey}.openid.introspection.url", "http://localhost:8088/introspect", "http://localhost:8088/introspect"),
        ["LoginUri"] = new($"{OAuth2}.login-uri", "/sso/login{/provider}", "/sso/login{/provider}"),
        ["CallbackUri"] = new($"{OAuth2}.callback-uri", "/sso/callback{/provider}", "/sso/callback{/provider}"),
        ["OpenIdLogoutUri"] = new($"{OAuth2}.openid.logout-uri", "/sso/logout", "/sso/logout"),
        ["EndSessionRedirectUri"] = new($"{OAuth2}.openid.end-session.redirect-uri", "/bye", "/bye"),
        ["Logout.Enabled"] = new("micronaut.security.endpoints.logout.enabled", "false", false),
        ["Logout.Path"] = new("micronaut.security.endpoints.logout.path", "/signout", "/signout"),
        ["Logout.GetAllowed"] = new("micronaut.security.endpoints.logout.get-allowed", "true", true),
        ["KestraUrl"] = new("kestra.url", "http://localhost:9090", "http://localhost:9090"),
        ["DefaultRole.Name"] = new("kestra.security.default-role.name", "Viewer", "Viewer"),
        ["DefaultRole.Description"] = new("kestra.security.default-role.description", "Read only", "Read only"),
        ["DefaultRole.TenantId"] = new("kestra.security.default-role.tenant-id", "main", "main"),
        ["DefaultRole.Permissions"] = new("kestra.security.default-role.permissions.FLOW", new[] { "READ" },
            new Dictionary<string, IList<string>> { ["FLOW"] = ["READ"] }),
        ["GroupsClaimPath"] = new("kestra.security.oidc.groups-claim-path", "groups", "groups"),
        ["SuperAdminUsername"] = new("kestra.security.super-admin.username", "root", "root"),
        ["Extensions.GroupPaths"] = new($"{Extension}.group-paths", "last-segment", GroupPathMode.LastSegment),
        ["Extensions.GroupMatching"] = new($"{Extension}.group-matching", "ignore-case", GroupMatching.IgnoreCase),
        ["Extensions.DefaultRoleMode"] = new($"{Extension}.default-role-mode", "always", DefaultRoleMode.Always),
        ["Extensions.RequireGroups"] = new($"{Extension}.require-groups", "true", true),
        ["Extensions.Roles[*].Name"] = new(null, null, Role, "named by its key under 'roles'"),
        ["Extensions.Roles[*].Description"] = new($"{Extension}.roles.{Role}.description", "Operators", "Operators"),
        ["Extensions.Roles[*].TenantId"] = new(null, null, null, "no key: a tenant is Kestra's, set only on the default role"),
        ["Extensions.Roles[*].Permissions"] = new($"{Extension}.roles.{Role}.permissions.EXECUTION", new[] { "KILL" },
            new Dictionary<string, IList<string>> { ["EXECUTION"] = ["KILL"] }),
        ["Extensions.GroupBindings[*].Group"] = new($"{Extension}.group-bindings[0].group", "ops", "ops"),
        ["Extensions.GroupBindings[*].Roles"] = new($"{Extension}.group-bindings[0].roles", new[] { Role }, new List<string> { Role }),
        ["Extensions.GroupBindings[*].Namespace"] = new($"{Extension}.group-bindings[0].namespace", "prod", "prod"),
        ["Extensions.Discovery.AllowInsecureHttp"] = new($"{Extension}.discovery.allow-insecure-http", "true", true),
        ["Extensions.Discovery.Timeout"] = new($"{Extension}.discovery.timeout", "7s", TimeSpan.FromSeconds(7)),
        ["Extensions.Discovery.RefreshInterval"] = new($"{Extension}.discovery.refresh-interval", "2h", TimeSpan.FromHours(2)),
        ["Extensions.Discovery.OutageRetryInterval"] = new($"{Extension}.discovery.outage-retry-interval", "45s", TimeSpan.FromSeconds(45)),
        ["Extensions.Discovery.JwksRefetchCooldown"] = new($"{Extension}.discovery.jwks-refetch-cooldown", "90s", TimeSpan.FromSeconds(90)),
        ["Extensions.Discovery.MaxResponseBytes"] = new($"{Extension}.discovery.max-response-bytes", "524288", 524288),
        ["Extensions.Discovery.BackChannelBaseUrls"] = new($"{Extension}.discovery.back-channel-base-urls.{Client}", "http://localhost:8081",
            new Dictionary<string, string> { [Client] = "http://localhost:8081" }),
        ["Extensions.Validation.Algorithms"] = new($"{Extension}.validation.algorithms", new[] { "PS256" }, new List<string> { "PS256" }),
        ["Extensions.Validation.ClockSkew"] = new($"{Extension}.validation.clock-skew", "2m", TimeSpan.FromMinutes(2)),
        ["Extensions.Validation.MaxTokenBytes"] = new($"{Extension}.validation.max-token-bytes", "32768", 32768),
        ["Extensions.ClaimSources"] = new($"{Extension}.claim-sources", new[] { "access-token", "introspection" },
            new List<Kestra.Security.Oidc.ClaimSources.ClaimSourceKind> { Kestra.Security.Oidc.ClaimSources.ClaimSourceKind.AccessToken, Kestra.Security.Oidc.ClaimSources.ClaimSourceKind.Introspection }),
        ["Extensions.AccessToken.Audiences"] = new($"{Extension}.access-token.audiences", new[] { "kestra-api" }, new List<string> { "kestra-api" }),
        ["Extensions.AccessToken.AuthorizedParties"] = new($"{Extension}.access-token.authorized-parties", new[] { "kestra-ui" }, new List<string> { "kestra-ui" }),
        ["Extensions.Introspection.CacheDuration"] = new($"{Extension}.introspection.cache-duration", "30s", TimeSpan.FromSeconds(30)),
        ["Extensions.Introspection.CacheSize"] = new($"{Extension}.introspection.cache-size", "500", 500),
        ["Extensions.SharedCache.Redis"] = new($"{Extension}.shared-cache.redis", "127.0.0.1:6390", "127.0.0.1:6390"),
        ["Extensions.SharedCache.FailClosed"] = new($"{Extension}.shared-cache.fail-closed", "true", true),
        ["Extensions.SharedCache.RevocationRetention"] = new($"{Extension}.shared-cache.revocation-retention", "12h", TimeSpan.FromHours(12)),
        ["Extensions.SharedCache.ResyncInterval"] = new($"{Extension}.shared-cache.resync-interval", "5s", TimeSpan.FromSeconds(5)),
    };

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"kestra-oidc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Every_leaf_option_has_a_key_and_a_non_default_value_here()
    {
        var leaves = Leaves().ToList();

        leaves.Select(l => l.Path).Where(p => !Keys.ContainsKey(p)).Should().BeEmpty(
            "each option property needs a configuration key (add it to the loader and to this table), or a stated reason why it has none");
        Keys.Keys.Where(p => !leaves.Any(l => l.Path == p)).Should().BeEmpty("every entry here names an option property");
        foreach (var leaf in leaves.Where(l => Keys[l.Path].Key is not null || Keys[l.Path].Expected is not null))
        {
            leaf.Default().Should().NotBeEquivalentTo(Keys[leaf.Path].Expected, $"the value for {leaf.Path} must differ from its default to prove it was applied");
        }
    }

    [Test]
    public void The_YAML_with_every_key_loads_without_any_diagnostic()
    {
        var result = KestraYamlConfiguration.Parse(Yaml(), "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

        result.Diagnostics.Select(d => d.ToString()).Should().BeEmpty("every key is known to the schema and every value is valid");
    }

    [Test]
    public void Every_option_survives_YAML_load_and_the_copy_into_the_options_system()
    {
        var path = Path.Combine(_directory, "application.yml");
        File.WriteAllText(path, Yaml());
        using var provider = new ServiceCollection().AddLogging().AddKestraOidc(path, reloadOnChange: false).BuildServiceProvider();

        ShouldHoldEveryValue(provider.GetRequiredService<IOptions<KestraOidcOptions>>().Value);
    }

    [Test]
    public void Every_option_survives_IConfiguration_binding_and_the_copy_into_the_options_system()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ConfigurationPairs()).Build();
        using var provider = new ServiceCollection().AddLogging().AddKestraOidc(configuration).BuildServiceProvider();

        ShouldHoldEveryValue(provider.GetRequiredService<IOptions<KestraOidcOptions>>().Value);
    }

    private static void ShouldHoldEveryValue(KestraOidcOptions options)
    {
        using var scope = new FluentAssertions.Execution.AssertionScope();
        foreach (var leaf in Leaves().Where(l => Keys.ContainsKey(l.Path)))
        {
            var setting = Keys[leaf.Path];
            leaf.Read(options).Should().BeEquivalentTo(setting.Expected, o => o.WithStrictOrdering(), $"{setting.Key ?? setting.Reason} sets {leaf.Path}");
        }
    }

    /// <summary>Every leaf property reachable from <see cref="KestraOidcOptions"/>; maps and lists of option types descend into their one entry.</summary>
    private static IEnumerable<Leaf> Leaves() => Leaves(typeof(KestraOidcOptions), string.Empty, o => o);

    private static IEnumerable<Leaf> Leaves(Type type, string prefix, Func<KestraOidcOptions, object?> owner)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var path = prefix + property.Name;
            var propertyType = property.PropertyType;
            IEnumerable<Leaf> children;
            if (IsOptionsType(propertyType))
            {
                children = Leaves(propertyType, path + ".", o => property.GetValue(owner(o)));
            }
            else if (ElementOf(propertyType) is { } element && IsOptionsType(element))
            {
                children = Leaves(element, path + "[*].", o => Single(property.GetValue(owner(o))));
            }
            else
            {
                children = [new Leaf(path, property, owner)];
            }

            foreach (var child in children)
            {
                yield return child;
            }
        }
    }

    private static bool IsOptionsType(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(KestraOidcOptions).Namespace;

    /// <summary>The value type of an <c>IDictionary&lt;string, T&gt;</c> or the item type of an <c>IList&lt;T&gt;</c>.</summary>
    private static Type? ElementOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? type.GetGenericArguments()[1]
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>) ? type.GetGenericArguments()[0]
        : null;

    private static object? Single(object? collection) => collection switch
    {
        IDictionary dictionary => dictionary.Values.Cast<object>().Should().ContainSingle().Subject,
        IEnumerable list => list.Cast<object>().Should().ContainSingle().Subject,
        _ => null,
    };

    private static string Yaml()
    {
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var setting in Keys.Values.Where(s => s.Key is not null))
        {
            var node = root;
            var segments = setting.Key!.Split('.');
            for (var i = 0; i < segments.Length - 1; i++)
            {
                node = Child(node, segments[i]);
            }

            node[segments[^1]] = setting.Value!;
        }

        var yaml = new StringBuilder();
        Write(yaml, root, 0);
        return yaml.ToString();
    }

    /// <summary>The mapping under <paramref name="segment"/>; <c>name[0]</c> is the first item of a list of mappings.</summary>
    private static SortedDictionary<string, object> Child(SortedDictionary<string, object> node, string segment)
    {
        if (segment.EndsWith("[0]", StringComparison.Ordinal))
        {
            var list = (List<SortedDictionary<string, object>>)(node.TryGetValue(segment[..^3], out var existing)
                ? existing
                : node[segment[..^3]] = new List<SortedDictionary<string, object>> { new(StringComparer.Ordinal) });
            return list[0];
        }

        return (SortedDictionary<string, object>)(node.TryGetValue(segment, out var child) ? child : node[segment] = new SortedDictionary<string, object>(StringComparer.Ordinal));
    }

    private static void Write(StringBuilder yaml, SortedDictionary<string, object> node, int indent, bool firstInItem = false)
    {
        foreach (var (key, value) in node)
        {
            var pad = firstInItem ? string.Empty : new string(' ', indent);
            firstInItem = false;
            switch (value)
            {
                case string scalar:
                    yaml.Append(pad).Append(key).Append(": \"").Append(scalar).Append("\"\n");
                    break;
                case string[] items:
                    yaml.Append(pad).Append(key).Append(": [").Append(string.Join(", ", items.Select(i => $"\"{i}\""))).Append("]\n");
                    break;
                case SortedDictionary<string, object> mapping:
                    yaml.Append(pad).Append(key).Append(":\n");
                    Write(yaml, mapping, indent + 2);
                    break;
                case List<SortedDictionary<string, object>> list:
                    yaml.Append(pad).Append(key).Append(":\n");
                    foreach (var item in list)
                    {
                        yaml.Append(' ', indent + 2).Append("- ");
                        Write(yaml, item, indent + 4, firstInItem: true);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> ConfigurationPairs()
    {
        foreach (var setting in Keys.Values.Where(s => s.Key is not null))
        {
            var key = setting.Key!.Replace("[0]", ".0", StringComparison.Ordinal).Replace('.', ':');
            if (setting.Value is string[] items)
            {
                for (var i = 0; i < items.Length; i++)
                {
                    yield return new($"{key}:{i}", items[i]);
                }
            }
            else
            {
                yield return new(key, (string)setting.Value!);
            }
        }
    }

    /// <param name="Key">The dotted key (<c>name[0]</c>: first list item), or null when the option has no key of its own.</param>
    /// <param name="Value">A YAML scalar (string) or list (string[]).</param>
    /// <param name="Expected">What the option holds after loading.</param>
    /// <param name="Reason">Why there is no key, when <paramref name="Key"/> is null.</param>
    private sealed record Setting(string? Key, object? Value, object? Expected, string? Reason = null);

    private sealed record Leaf(string Path, PropertyInfo Property, Func<KestraOidcOptions, object?> Owner)
    {
        public object? Read(KestraOidcOptions options) => Owner(options) is { } owner ? Property.GetValue(owner) : null;

        public object? Default() => Property.GetValue(Activator.CreateInstance(Property.DeclaringType!));
    }
}
