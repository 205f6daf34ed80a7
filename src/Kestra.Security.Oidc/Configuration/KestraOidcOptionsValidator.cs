using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// Checks a <see cref="KestraOidcOptions"/> for the mistakes of SPEC §1.3 that survive binding: missing or invalid
/// <c>client-id</c> and <c>issuer</c>, unknown permissions and actions, invalid URLs, unusable bindings.
/// Every problem is reported, not only the first.
/// </summary>
public static class KestraOidcOptionsValidator
{
    private const string Clients = "micronaut.security.oauth2.clients";

    /// <summary>Validates options built in code (no file positions: diagnostics carry the key path only).</summary>
    public static IReadOnlyList<ConfigurationDiagnostic> Validate(KestraOidcOptions options) =>
        Validate(options, _ => null, new HashSet<string>(StringComparer.Ordinal));

    internal static IReadOnlyList<ConfigurationDiagnostic> Validate(
        KestraOidcOptions options,
        Func<string, SourceLocation?> locate,
        IReadOnlySet<string> alreadyReported)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = new Context(locate, alreadyReported);
        // The section may be written nested (oauth2: enabled: true) or dotted (micronaut.security.oauth2.enabled: true);
        // either way the warning points at where SSO was switched on.
        if (options.Enabled && options.Clients.Count == 0
            && (locate("micronaut.security.oauth2.enabled") ?? locate("micronaut.security.oauth2")) is { } oauth2)
        {
            context.Warning(DiagnosticCodes.NoClients, "micronaut.security.oauth2.clients",
                "SSO is enabled but no client is configured under 'micronaut.security.oauth2.clients'", oauth2);
        }

        foreach (var (name, client) in options.Clients)
        {
            ValidateClient(context, $"{Clients}.{name}", client);
        }

        CheckUrl(context, "kestra.url", options.KestraUrl, "Kestra's public base URL, e.g. http://localhost:8080");
        if (options.GroupsClaimPath is { } claimPath && !ClaimPath.TryParse(claimPath, out _, out var pathError))
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidClaimPath, "kestra.security.oidc.groups-claim-path",
                $"'{claimPath}' is not a valid claim path: expected {pathError!.Expected} at column {pathError.Column} of the path");
        }

        if (options.DefaultRole is { } defaultRole)
        {
            if (string.IsNullOrWhiteSpace(defaultRole.Name) && !alreadyReported.Contains("kestra.security.default-role.name"))
            {
                context.Error(DiagnosticCodes.InvalidValue, "kestra.security.default-role",
                    "the default role has no 'name'; Kestra needs one (e.g. name: Editor)");
            }

            ValidateRole(context, "kestra.security.default-role", defaultRole);
        }

        ValidateExtensions(context, options);
        return context.Diagnostics;
    }

    private static void ValidateClient(Context context, string prefix, OidcClientOptions client)
    {
        if (!client.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            context.ErrorUnlessReported(DiagnosticCodes.MissingClientId, $"{prefix}.client-id",
                "the client has no 'client-id'; copy the Client ID from Keycloak (Clients → your client → Settings)", prefix);
        }

        var issuerKey = $"{prefix}.openid.issuer";
        if (string.IsNullOrWhiteSpace(client.OpenId.Issuer))
        {
            context.ErrorUnlessReported(DiagnosticCodes.MissingIssuer, issuerKey,
                "the client has no 'openid.issuer'; set it to your realm's URL, e.g. http://localhost:8088/realms/kestra", prefix);
        }
        else if (!Uri.TryCreate(client.OpenId.Issuer, UriKind.Absolute, out var issuer)
                 || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp)
                 || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidIssuer, issuerKey,
                $"the issuer '{client.OpenId.Issuer}' is not an absolute http(s) URL without query or fragment; use the realm's URL, e.g. http://localhost:8088/realms/kestra");
        }
        else if (issuer.AbsolutePath.TrimEnd('/').EndsWith(OpenIdProviderOptions.DefaultConfigurationPath, StringComparison.Ordinal))
        {
            context.Warning(DiagnosticCodes.IssuerIsDiscoveryUrl, issuerKey,
                $"the issuer ends with '{OpenIdProviderOptions.DefaultConfigurationPath}'; the issuer is the URL before it (the library strips it, Micronaut would not)");
        }

        CheckUrl(context, $"{prefix}.openid.jwks-uri", client.OpenId.JwksUri, "the JWKS URL");
        CheckUrl(context, $"{prefix}.openid.authorization.url", client.OpenId.AuthorizationUrl, "the authorization endpoint");
        CheckUrl(context, $"{prefix}.openid.token.url", client.OpenId.TokenUrl, "the token endpoint");
        CheckUrl(context, $"{prefix}.openid.user-info.url", client.OpenId.UserInfoUrl, "the userinfo endpoint");
        CheckUrl(context, $"{prefix}.openid.end-session.url", client.OpenId.EndSessionUrl, "the end-session endpoint");
        CheckUrl(context, $"{prefix}.openid.introspection.url", client.OpenId.IntrospectionUrl, "the introspection endpoint");
        if (!client.OpenId.ConfigurationPath.StartsWith('/'))
        {
            context.Error(DiagnosticCodes.InvalidValue, $"{prefix}.openid.configuration-path",
                $"the configuration path '{client.OpenId.ConfigurationPath}' must start with '/'");
        }
    }

    internal static void ValidateRole(Context context, string prefix, RoleOptions role)
    {
        foreach (var (permission, actions) in role.Permissions)
        {
            var permissionKey = $"{prefix}.permissions.{permission}";
            if (!KestraPermissions.IsKnownPermission(permission))
            {
                var suggestion = FuzzyMatch.Closest(permission, KestraPermissions.AllPermissionNames);
                var hint = suggestion is null ? string.Empty : $"did you mean '{suggestion}'? ";
                context.Error(DiagnosticCodes.UnknownPermission, permissionKey,
                    $"unknown permission '{permission}'; {hint}valid permissions: {string.Join(", ", KestraPermissions.AllPermissionNames)}");
                continue;
            }

            if (KestraPermissions.IsDeprecatedPermission(permission))
            {
                context.Warning(DiagnosticCodes.DeprecatedPermission, permissionKey,
                    $"the permission '{permission}' is deprecated in Kestra and may be ignored by recent versions");
            }

            for (var i = 0; i < actions.Count; i++)
            {
                if (!KestraPermissions.IsKnownAction(permission, actions[i]))
                {
                    var valid = KestraPermissions.ActionsFor(permission);
                    var suggestion = FuzzyMatch.Closest(actions[i], valid);
                    var hint = suggestion is null ? string.Empty : $"did you mean '{suggestion}'? ";
                    context.Error(DiagnosticCodes.UnknownAction, $"{permissionKey}[{i}]",
                        $"unknown action '{actions[i]}' for '{permission}'; {hint}valid actions: {string.Join(", ", valid)}");
                }
            }
        }

        if (KestraPermissions.DetectModel(role.Permissions) == PermissionModel.Mixed)
        {
            context.Warning(DiagnosticCodes.MixedPermissionModels, $"{prefix}.permissions",
                "this role mixes Kestra 1.x actions (READ) or permissions with 2.0 ones (VIEW, LIST, …); use one vocabulary per role");
        }
    }

    private static void ValidateExtensions(Context context, KestraOidcOptions options)
    {
        const string prefix = ConfigSchema.ExtensionSection;
        foreach (var (name, role) in options.Extensions.Roles)
        {
            ValidateRole(context, $"{prefix}.roles.{name}", role);
        }

        for (var i = 0; i < options.Extensions.GroupBindings.Count; i++)
        {
            var binding = options.Extensions.GroupBindings[i];
            var key = $"{prefix}.group-bindings[{i}]";
            if (string.IsNullOrWhiteSpace(binding.Group))
            {
                context.Error(DiagnosticCodes.InvalidValue, $"{key}.group", "a group binding needs a 'group'");
            }

            if (binding.Namespace is not null && string.IsNullOrWhiteSpace(binding.Namespace))
            {
                context.ErrorUnlessReported(DiagnosticCodes.EmptyBindingNamespace, $"{key}.namespace",
                    "the binding's namespace is empty, which would grant its roles in every namespace; set the namespace (e.g. prod), or remove the 'namespace' key for a binding that applies everywhere");
            }

            if (binding.Roles.Count == 0)
            {
                context.Error(DiagnosticCodes.InvalidValue, $"{key}.roles", "a group binding needs at least one role in 'roles'");
            }

            foreach (var roleName in binding.Roles)
            {
                if (!options.Extensions.Roles.ContainsKey(roleName) && !string.Equals(roleName, options.DefaultRole?.Name, StringComparison.Ordinal))
                {
                    var known = options.Extensions.Roles.Keys.Append(options.DefaultRole?.Name).OfType<string>().ToList();
                    context.Error(DiagnosticCodes.InvalidValue, $"{key}.roles",
                        $"the binding refers to an unknown role '{roleName}'; define it under '{prefix}.roles' (known roles: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
                }
            }
        }

        if (options.Extensions.RequireGroups && string.IsNullOrWhiteSpace(options.GroupsClaimPath))
        {
            context.Error(DiagnosticCodes.InvalidValue, $"{prefix}.require-groups",
                "require-groups is true but 'kestra.security.oidc.groups-claim-path' is not set, so every user would be refused; set the groups claim path, or remove require-groups");
        }

        foreach (var (client, url) in options.Extensions.Discovery.BackChannelBaseUrls)
        {
            CheckUrl(context, $"{prefix}.discovery.back-channel-base-urls.{client}", url, "the back-channel base URL");
            if (!options.Clients.ContainsKey(client))
            {
                context.Warning(DiagnosticCodes.UnknownKey, $"{prefix}.discovery.back-channel-base-urls.{client}",
                    $"there is no client '{client}' under 'micronaut.security.oauth2.clients'");
            }
        }

        if (!TokenValidationSettings.IsClockSkewAllowed(options.Extensions.Validation.ClockSkew))
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.validation.clock-skew",
                $"the clock skew {options.Extensions.Validation.ClockSkew} is outside 0 to 5 minutes; a larger tolerance accepts expired tokens (keep clocks in sync with NTP, default 60s)");
        }

        ValidateClaimSources(context, options.Extensions);
        ValidateSharedCache(context, options.Extensions.SharedCache);
        foreach (var algorithm in options.Extensions.Validation.Algorithms)
        {
            if (AlgorithmPolicy.IsNeverAllowed(algorithm))
            {
                context.Error(DiagnosticCodes.InvalidValue, $"{prefix}.validation.algorithms",
                    $"the algorithm '{algorithm}' is never accepted: ID tokens are verified with the provider's public keys (use RS256, PS256 or ES256)");
            }
        }
    }

    private static void ValidateClaimSources(Context context, KestraOidcExtensionOptions extensions)
    {
        const string prefix = ConfigSchema.ExtensionSection;
        var sources = extensions.ClaimSources;
        if (sources.Count == 0)
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.claim-sources",
                $"the list of claim sources is empty; name at least one of {string.Join(", ", ClaimSources.ClaimSourceNames.All)} (default: [id-token])");
        }
        else if (sources.Distinct().Count() != sources.Count)
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.claim-sources", "a claim source is listed twice; list each source once, in the order to try them");
        }

        CheckNames(context, $"{prefix}.access-token.audiences", extensions.AccessToken.Audiences, "an audience");
        CheckNames(context, $"{prefix}.access-token.authorized-parties", extensions.AccessToken.AuthorizedParties, "an authorized party");
        if (extensions.Introspection.CacheDuration < TimeSpan.Zero)
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.introspection.cache-duration", "the cache duration must not be negative (0 turns the cache off)");
        }

        if (extensions.Introspection.CacheSize <= 0)
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.introspection.cache-size", "the cache size must be greater than 0");
        }
    }

    private static void CheckNames(Context context, string key, IList<string> names, string what)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{key}[{i}]", $"{what} must not be empty");
            }
        }
    }

    private static void ValidateSharedCache(Context context, SharedCacheOptions sharedCache)
    {
        const string prefix = ConfigSchema.ExtensionSection + ".shared-cache";
        if (sharedCache.Redis is { } redis && !RedisEndpoint.TryParse(redis, out _, out _))
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.redis",
                "the value is not HOST:PORT (not repeated here: it could hold a password); name the Redis server the instances share, e.g. 127.0.0.1:6379 or redis.internal:6379");
        }

        if (sharedCache.RevocationRetention <= TimeSpan.Zero)
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.revocation-retention",
                "the revocation retention must be positive; it must cover the longest lifetime of an access token or a cookie session");
        }

        if (sharedCache.ResyncInterval < TimeSpan.FromSeconds(1))
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidValue, $"{prefix}.resync-interval",
                "the resync interval must be at least 1s (publications reach the instances at once; the resync only recovers a missed one)");
        }
    }

    private static void CheckUrl(Context context, string key, string? value, string what)
    {
        if (value is not null
            && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            context.ErrorUnlessReported(DiagnosticCodes.InvalidUrl, key, $"'{value}' is not an absolute http(s) URL; {what} must be one");
        }
    }

    internal sealed class Context(Func<string, SourceLocation?> locate, IReadOnlySet<string> alreadyReported)
    {
        public List<ConfigurationDiagnostic> Diagnostics { get; } = [];

        public void Error(string code, string key, string message) => Add(code, DiagnosticSeverity.Error, key, message, null);

        public void ErrorUnlessReported(string code, string key, string message, string? section = null)
        {
            if (!alreadyReported.Any(failed => key == failed || key.StartsWith(failed + ".", StringComparison.Ordinal)))
            {
                Add(code, DiagnosticSeverity.Error, key, message, section);
            }
        }

        public void Warning(string code, string key, string message, SourceLocation? at = null) =>
            Add(code, DiagnosticSeverity.Warning, key, message, null, at);

        private void Add(string code, DiagnosticSeverity severity, string key, string message, string? section, SourceLocation? at = null)
        {
            var location = locate(key) ?? at ?? (section is null ? null : locate(section)) ?? new SourceLocation("(options)", 0, 0);
            Diagnostics.Add(new ConfigurationDiagnostic(code, severity, location, key, message));
        }
    }
}
