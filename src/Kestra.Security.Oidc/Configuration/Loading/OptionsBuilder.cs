using System.Globalization;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>Turns flattened, placeholder-resolved keys into <see cref="KestraOidcOptions"/>, reporting type errors.</summary>
internal sealed class OptionsBuilder(
    IReadOnlyDictionary<string, FlatEntry> entries,
    IReadOnlyDictionary<string, SourceLocation> sections,
    List<ConfigurationDiagnostic> diagnostics)
{
    private const string OAuth2 = "micronaut.security.oauth2";
    private const string Clients = OAuth2 + ".clients";
    private const string DefaultRole = "kestra.security.default-role";
    private const string Extensions = ConfigSchema.ExtensionSection;

    /// <summary>Keys whose value could not be read; missing-key checks skip them to avoid a second error for one mistake.</summary>
    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each option path was set (the value's position), including <c>…permissions.FLOW[1]</c> for actions.</summary>
    public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    public KestraOidcOptions Build()
    {
        foreach (var (path, entry) in entries)
        {
            Locations[path] = entry.Value.Single?.Location ?? entry.KeyLocation;
        }

        foreach (var (path, location) in sections)
        {
            Locations.TryAdd(path, location);
        }

        var options = new KestraOidcOptions();
        Bool($"{OAuth2}.enabled", v => options.Enabled = v);
        String($"{OAuth2}.login-uri", v => options.LoginUri = v);
        String($"{OAuth2}.callback-uri", v => options.CallbackUri = v);
        String($"{OAuth2}.openid.logout-uri", v => options.OpenIdLogoutUri = v);
        String($"{OAuth2}.openid.end-session.redirect-uri", v => options.EndSessionRedirectUri = v);
        Bool("micronaut.security.endpoints.logout.enabled", v => options.Logout.Enabled = v);
        String("micronaut.security.endpoints.logout.path", v => options.Logout.Path = v);
        Bool("micronaut.security.endpoints.logout.get-allowed", v => options.Logout.GetAllowed = v);
        String("kestra.url", v => options.KestraUrl = v);
        String("kestra.security.oidc.groups-claim-path", v => options.GroupsClaimPath = v);
        String("kestra.security.super-admin.username", v => options.SuperAdminUsername = v);

        foreach (var name in ChildNames(Clients))
        {
            options.Clients[name] = BuildClient($"{Clients}.{name}");
        }

        if (HasAny(DefaultRole))
        {
            options.DefaultRole = BuildRole(DefaultRole);
            String($"{DefaultRole}.name", v => options.DefaultRole.Name = v);
            String($"{DefaultRole}.tenant-id", v => options.DefaultRole.TenantId = v);
        }

        BuildExtensions(options.Extensions);
        return options;
    }

    private OidcClientOptions BuildClient(string prefix)
    {
        var client = new OidcClientOptions();
        var openId = client.OpenId;
        Bool($"{prefix}.enabled", v => client.Enabled = v);
        String($"{prefix}.client-id", v => client.ClientId = v);
        String($"{prefix}.client-secret", v => client.ClientSecret = v);
        List($"{prefix}.scopes", v => client.Scopes = v);
        String($"{prefix}.openid.issuer", v => openId.Issuer = v);
        String($"{prefix}.openid.configuration-path", v => openId.ConfigurationPath = v);
        String($"{prefix}.openid.jwks-uri", v => openId.JwksUri = v);
        String($"{prefix}.openid.authorization.url", v => openId.AuthorizationUrl = v);
        String($"{prefix}.openid.token.url", v => openId.TokenUrl = v);
        String($"{prefix}.openid.user-info.url", v => openId.UserInfoUrl = v);
        String($"{prefix}.openid.end-session.url", v => openId.EndSessionUrl = v);
        String($"{prefix}.openid.introspection.url", v => openId.IntrospectionUrl = v);
        Bool($"{prefix}.openid.end-session.enabled", v => openId.EndSessionEnabled = v);
        return client;
    }

    private RoleOptions BuildRole(string prefix)
    {
        var role = new RoleOptions();
        String($"{prefix}.description", v => role.Description = v);
        foreach (var name in ChildNames($"{prefix}.permissions"))
        {
            var path = $"{prefix}.permissions.{name}";
            if (!entries.TryGetValue(path, out var entry))
            {
                continue;
            }

            var permission = KestraPermissions.Canonicalize(name);
            var permissionPath = $"{prefix}.permissions.{permission}";
            Locations[permissionPath] = entry.KeyLocation;
            var actions = new List<string>();
            foreach (var item in entry.Value.Items)
            {
                if (!string.IsNullOrWhiteSpace(item.Text))
                {
                    Locations[$"{permissionPath}[{actions.Count}]"] = item.Location;
                    actions.Add(KestraPermissions.Canonicalize(item.Text));
                }
            }

            role.Permissions[permission] = actions;
        }

        return role;
    }

    private void BuildExtensions(KestraOidcExtensionOptions extensions)
    {
        Enum<GroupPathMode>($"{Extensions}.group-paths", v => extensions.GroupPaths = v);
        Enum<GroupMatching>($"{Extensions}.group-matching", v => extensions.GroupMatching = v);
        Enum<DefaultRoleMode>($"{Extensions}.default-role-mode", v => extensions.DefaultRoleMode = v);
        Bool($"{Extensions}.require-groups", v => extensions.RequireGroups = v);
        foreach (var name in ChildNames($"{Extensions}.roles"))
        {
            var role = BuildRole($"{Extensions}.roles.{name}");
            role.Name = name;
            extensions.Roles[name] = role;
        }

        if (entries.TryGetValue($"{Extensions}.group-bindings", out var bindings)
            && int.TryParse(bindings.Value.Single?.Text, CultureInfo.InvariantCulture, out var count))
        {
            for (var i = 0; i < count; i++)
            {
                var prefix = $"{Extensions}.group-bindings[{i}]";
                var binding = new GroupBindingOptions();
                String($"{prefix}.group", v => binding.Group = v);
                PresentString($"{prefix}.namespace", v => binding.Namespace = v);
                List($"{prefix}.roles", v => binding.Roles = v);
                extensions.GroupBindings.Add(binding);
            }
        }

        var discovery = extensions.Discovery;
        Bool($"{Extensions}.discovery.allow-insecure-http", v => discovery.AllowInsecureHttp = v);
        Duration($"{Extensions}.discovery.timeout", v => discovery.Timeout = v);
        Duration($"{Extensions}.discovery.refresh-interval", v => discovery.RefreshInterval = v);
        Duration($"{Extensions}.discovery.outage-retry-interval", v => discovery.OutageRetryInterval = v);
        Duration($"{Extensions}.discovery.jwks-refetch-cooldown", v => discovery.JwksRefetchCooldown = v);
        Int($"{Extensions}.discovery.max-response-bytes", v => discovery.MaxResponseBytes = v);
        foreach (var name in ChildNames($"{Extensions}.discovery.back-channel-base-urls"))
        {
            String($"{Extensions}.discovery.back-channel-base-urls.{name}", v => discovery.BackChannelBaseUrls[name] = v);
        }

        var validation = extensions.Validation;
        List($"{Extensions}.validation.algorithms", v => validation.Algorithms = v);
        Duration($"{Extensions}.validation.clock-skew", v => validation.ClockSkew = v);
        Int($"{Extensions}.validation.max-token-bytes", v => validation.MaxTokenBytes = v);

        var sharedCache = extensions.SharedCache;
        String($"{Extensions}.shared-cache.redis", v => sharedCache.Redis = v);
        Bool($"{Extensions}.shared-cache.fail-closed", v => sharedCache.FailClosed = v);
        Duration($"{Extensions}.shared-cache.revocation-retention", v => sharedCache.RevocationRetention = v);
        Duration($"{Extensions}.shared-cache.resync-interval", v => sharedCache.ResyncInterval = v);
        BuildClaimSourceExtensions(extensions);
    }

    private void BuildClaimSourceExtensions(KestraOidcExtensionOptions extensions)
    {
        ClaimSourceList($"{Extensions}.claim-sources", v => extensions.ClaimSources = v);
        List($"{Extensions}.access-token.audiences", v => extensions.AccessToken.Audiences = v);
        List($"{Extensions}.access-token.authorized-parties", v => extensions.AccessToken.AuthorizedParties = v);
        Duration($"{Extensions}.introspection.cache-duration", v => extensions.Introspection.CacheDuration = v);
        Int($"{Extensions}.introspection.cache-size", v => extensions.Introspection.CacheSize = v);
    }

    /// <summary>An ordered list of claim sources; an unknown or repeated name is an error at its own position.</summary>
    private void ClaimSourceList(string path, Action<List<ClaimSourceKind>> set)
    {
        if (!entries.TryGetValue(path, out var entry))
        {
            return;
        }

        var kinds = new List<ClaimSourceKind>();
        var valid = true;
        var index = 0;
        foreach (var item in entry.Value.Items.Where(i => !string.IsNullOrWhiteSpace(i.Text)))
        {
            var text = item.Text!.Trim();
            string? problem = null;
            if (!ClaimSourceNames.TryParse(text, out var kind))
            {
                var suggestion = FuzzyMatch.Closest(text, ClaimSourceNames.All);
                problem = $"unknown claim source '{text}'; {(suggestion is null ? string.Empty : $"did you mean '{suggestion}'? ")}valid sources: {string.Join(", ", ClaimSourceNames.All)}";
            }
            else if (kinds.Contains(kind))
            {
                problem = $"the claim source '{ClaimSourceNames.Of(kind)}' is listed twice; list each source once, in the order to try them";
            }

            if (problem is not null)
            {
                valid = false;
                Failed.Add(path);
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Error, item.Location, $"{path}[{index}]", problem));
            }
            else
            {
                kinds.Add(kind);
            }

            index++;
        }

        if (valid && kinds.Count == 0)
        {
            Failed.Add(path);
            diagnostics.Add(new ConfigurationDiagnostic(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Error, entry.KeyLocation, path,
                $"the list of claim sources is empty; name at least one of {string.Join(", ", ClaimSourceNames.All)} (default: [id-token])"));
        }
        else if (valid)
        {
            set(kinds);
        }
    }

    /// <summary>The distinct names directly under a map key, in order of first appearance.</summary>
    public IEnumerable<string> ChildNames(string prefix)
    {
        var start = prefix + ".";
        return entries.Keys
            .Concat(sections.Keys)
            .Where(k => k.StartsWith(start, StringComparison.Ordinal))
            .Select(k => k[start.Length..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private bool HasAny(string prefix) =>
        sections.ContainsKey(prefix) || entries.Keys.Any(k => k.StartsWith(prefix + ".", StringComparison.Ordinal));

    private void String(string path, Action<string> set)
    {
        if (entries.TryGetValue(path, out var entry) && entry.Value.Single?.Text is { } text)
        {
            set(text);
        }
    }

    /// <summary>Like <see cref="String"/>, but a key written with an empty or null value gives <c>""</c>, so the validator can refuse it.</summary>
    private void PresentString(string path, Action<string> set)
    {
        if (entries.TryGetValue(path, out var entry) && !Failed.Contains(path))
        {
            set(entry.Value.Single?.Text ?? string.Empty);
        }
    }

    private void List(string path, Action<List<string>> set)
    {
        if (entries.TryGetValue(path, out var entry))
        {
            set([.. entry.Value.Items.Where(i => !string.IsNullOrWhiteSpace(i.Text)).Select(i => i.Text!.Trim())]);
        }
    }

    private void Bool(string path, Action<bool> set) => Convert(path, set, "true or false", text =>
        text.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "ON" => true,
            "FALSE" or "NO" or "OFF" => false,
            _ => null,
        });

    private void Int(string path, Action<int> set) => Convert(path, set, "a whole number greater than 0", text =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null);

    private void Duration(string path, Action<TimeSpan> set) => Convert(path, set, "a duration such as 500ms, 10s, 5m, 1h, 1d or PT10S", ParseDuration);

    private void Enum<T>(string path, Action<T> set)
        where T : struct, System.Enum => Convert(path, set,
            string.Join(" or ", System.Enum.GetNames<T>().Select(KeyNormalizer.Normalize)),
            text => System.Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) ? value : null);

    private void Convert<T>(string path, Action<T> set, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (!entries.TryGetValue(path, out var entry) || entry.Value.Single is not { Text: { } text } scalar)
        {
            return;
        }

        if (parse(text.Trim()) is { } value)
        {
            set(value);
            return;
        }

        Failed.Add(path);
        var shown = entry.Secret ? "the value" : $"'{text}'";
        diagnostics.Add(new ConfigurationDiagnostic(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Error, scalar.Location, path,
            $"{shown} is not valid here; expected {expected}"));
    }

    /// <summary>Micronaut's duration forms: <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, ISO-8601 <c>PT10S</c>, or plain milliseconds.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        if (text.StartsWith("P", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return System.Xml.XmlConvert.ToTimeSpan(text.ToUpperInvariant());
            }
            catch (FormatException)
            {
                return null;
            }
        }

        var unitStart = 0;
        while (unitStart < text.Length && char.IsAsciiDigit(text[unitStart]))
        {
            unitStart++;
        }

        if (unitStart == 0 || !long.TryParse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > int.MaxValue)
        {
            return null;
        }

        return text[unitStart..].ToUpperInvariant() switch
        {
            "" or "MS" => TimeSpan.FromMilliseconds(amount),
            "S" => TimeSpan.FromSeconds(amount),
            "M" => TimeSpan.FromMinutes(amount),
            "H" => TimeSpan.FromHours(amount),
            "D" => TimeSpan.FromDays(amount),
            _ => null,
        };
    }
}
