using System.Collections.ObjectModel;
using System.Text.Json;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Turns an ID token's claims into the groups, roles and Kestra permissions that apply (SPEC §4): groups from
/// <c>kestra.security.oidc.groups-claim-path</c>; when it yields none, Kestra's default role. Build it once from the
/// options; <see cref="Resolve(JsonElement, string?, RoleResolutionContext?)"/> is thread-safe. It remembers the grants of
/// each distinct list of groups and, for validated tokens, the groups and grants of each groups-claim value seen before (by its
/// exact bytes, only when it gave no warning, never with an <see cref="IGroupRoleBindingSource"/>); results are immutable, so
/// resolutions may share them.
/// </summary>
/// <example>
/// <code>
/// var resolver = new KestraRoleResolver(options);
/// RoleResolution r = resolver.Resolve(idTokenPayloadJson);
/// // r.SourceName == "default-role", r.Permissions["FLOW"] == [CREATE, DELETE, READ, UPDATE]
/// </code>
/// </example>
public sealed class KestraRoleResolver
{
    private static readonly ClaimPathEvaluationOptions s_strict = new() { ValidateWholePayload = true };
    private static readonly ClaimPath s_subject = ClaimPath.Parse("sub");
    private static readonly ClaimPath s_username = ClaimPath.Parse("preferred_username");
    private static readonly ClaimPath s_email = ClaimPath.Parse("email");

    private static readonly Comparison<string> s_ordinal = string.CompareOrdinal;

    private readonly GrantCache<Grants> _grantCache = new();
    private readonly GroupsValueCache<ResolvedGroups>? _groupsValues;
    private readonly Func<IReadOnlyList<string>, Grants> _buildGrants;
    private readonly KestraRole? _defaultRole;
    private readonly Grants? _defaultGrants;
    private readonly IReadOnlyList<GroupRoleBinding> _configuredBindings;
    private readonly IGroupRoleBindingSource? _bindingSource;
    private readonly GroupPathMode _groupPaths;
    private readonly StringComparer _groupComparer;
    private readonly string? _singleClient;
    private readonly DefaultRoleMode _defaultRoleMode;
    private readonly bool _requireGroups;

    /// <summary>Compiles the groups claim path and the configured roles and bindings.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="bindingSource">Extra bindings supplied by the host, or null.</param>
    /// <exception cref="KestraConfigurationException">The groups claim path is malformed, or a binding's namespace is blank.</exception>
    public KestraRoleResolver(KestraOidcOptions options, IGroupRoleBindingSource? bindingSource = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.GroupsClaimPath))
        {
            if (!ClaimPath.TryParse(options.GroupsClaimPath, out var path, out var error))
            {
                throw new KestraConfigurationException(
                    $"{DiagnosticCodes.InvalidClaimPath}: kestra.security.oidc.groups-claim-path '{options.GroupsClaimPath}' is not a valid claim path: expected {error!.Expected} at column {error.Column} of the path");
            }

            GroupsClaimPath = path;
        }

        var defaultRole = options.DefaultRole is null ? null : KestraRole.FromOptions(options.DefaultRole, "default");
        _defaultRole = defaultRole;
        _defaultRoleMode = options.Extensions.DefaultRoleMode;
        _requireGroups = options.Extensions.RequireGroups;
        _groupPaths = options.Extensions.GroupPaths;
        _groupComparer = options.Extensions.GroupMatching == GroupMatching.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _bindingSource = bindingSource;
        _singleClient = options.Clients.Count == 1 ? options.Clients.Keys.First() : null;
        _configuredBindings = BuildConfiguredBindings(options, defaultRole);
        _buildGrants = BuildGrants;

        // Bindings from a host's source may change between calls: then neither grants nor groups values are remembered.
        _groupsValues = bindingSource is null ? new GroupsValueCache<ResolvedGroups>() : null;
        if (defaultRole is not null)
        {
            var builder = new GrantBuilder();
            builder.Add(defaultRole, "default role", null);
            _defaultGrants = Grants.From(builder, []);
        }
    }

    /// <summary>The compiled <c>groups-claim-path</c>, or null when none is configured.</summary>
    public ClaimPath? GroupsClaimPath { get; }

    /// <summary>Resolves a UTF-8 JSON claims payload (a decoded ID-token payload). The whole payload is checked.</summary>
    /// <exception cref="ClaimsPayloadException">The payload is not a JSON object, or is malformed or too deep.</exception>
    public RoleResolution Resolve(ReadOnlySpan<byte> utf8Payload, string? client = null, RoleResolutionContext? context = null) =>
        Resolve(new Payload(utf8Payload, s_strict), client, context);

    /// <summary>Resolves a claims payload (a decoded ID-token payload).</summary>
    /// <param name="payload">The ID token's payload, a JSON object.</param>
    /// <param name="client">The client name, for the result; defaults to the only configured client.</param>
    /// <param name="context">The access token or userinfo, for diagnostics only.</param>
    /// <exception cref="ClaimsPayloadException">The payload is not a JSON object.</exception>
    public RoleResolution Resolve(JsonElement payload, string? client = null, RoleResolutionContext? context = null)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ClaimsPayloadException(ClaimsPayloadException.NotAnObjectCode, $"the claims payload must be a JSON object, not {payload.ValueKind}");
        }

        return Resolve(new Payload(payload), client, context);
    }

    /// <summary>
    /// Resolves a validated token whose groups are read from another validated document (a claim source of SPEC §7):
    /// subject, username and email from <paramref name="identity"/>, groups from <paramref name="groupsSource"/>.
    /// </summary>
    /// <param name="identity">The validated payload that names the user.</param>
    /// <param name="groupsSource">The validated document the groups are read from.</param>
    /// <param name="client">The client name.</param>
    /// <param name="context">Diagnostics context.</param>
    /// <param name="known">
    /// Where the validator found the identity claims in <paramref name="identity"/>, with the subject it decoded: then the payload
    /// is not read for them again, and when <paramref name="groupsSource"/> is <paramref name="identity"/> itself the groups path
    /// starts where the validator located its first member.
    /// </param>
    internal RoleResolution ResolveValidated(ReadOnlySpan<byte> identity, ReadOnlySpan<byte> groupsSource, string? client, RoleResolutionContext? context, in IdentityClaims? known)
    {
        var located = -1;
        var locatedLength = 0;
        if (groupsSource == identity && known is { } k && GroupsClaimPath is { } path && k.TryGetGroupsValue(path, out var start, out var length))
        {
            located = start;
            locatedLength = length;
        }

        return Resolve(new Payload(identity, ClaimPathEvaluationOptions.Default), new Payload(groupsSource, ClaimPathEvaluationOptions.Default), client, context, known, located, locatedLength);
    }

    /// <summary>
    /// Resolves a validated token when no claim source could be read (SPEC §7: every configured source was skipped): no groups,
    /// so the default role or the <c>require-groups</c> refusal applies; the identity still comes from <paramref name="identity"/>.
    /// </summary>
    internal RoleResolution ResolveValidatedWithoutGroups(ReadOnlySpan<byte> identity, string? client, RoleResolutionContext? context, IdentityClaims? known) =>
        Resolve(new Payload(identity, ClaimPathEvaluationOptions.Default), new Payload(identity, ClaimPathEvaluationOptions.Default), client, context, known, readGroups: false);

    private RoleResolution Resolve(Payload payload, string? client, RoleResolutionContext? context) => Resolve(payload, payload, client, context, null);

    private RoleResolution Resolve(
        Payload payload, Payload groupsSource, string? client, RoleResolutionContext? context, IdentityClaims? known, int locatedGroups = -1, int locatedLength = 0, bool readGroups = true)
    {
        List<ResolutionWarning>? warnings = null;
        GroupSource source;
        Grants grants;
        ResolutionRefusal? refusal = null;
        ReadOnlyCollection<string> groups;

        // The located value of the groups path's first member, when it was seen before without a warning: its groups and grants
        // as they were then (issue 15). Otherwise it is read, and remembered when it gives groups and no warning.
        var value = readGroups && locatedGroups >= 0 && _groupsValues is not null ? groupsSource.Slice(locatedGroups, locatedLength) : default;
        if (!value.IsEmpty && _groupsValues!.TryGet(value, out var seen))
        {
            groups = seen.Groups;
            grants = seen.Grants;
            source = GroupSource.Groups;
        }
        else
        {
            groups = ReadAndBind(groupsSource, context, locatedGroups, readGroups, ref warnings, out source, out grants, out refusal);
            if (!value.IsEmpty && source == GroupSource.Groups && warnings is not { Count: > 0 })
            {
                _groupsValues!.Add(value, new ResolvedGroups(groups, grants));
            }
        }

        // A validated token's identity claims where the payload pass located them: the subject as validated, the username and
        // email decoded only if asked for. Otherwise (another shape, or a payload given directly) they are read here.
        string? subject, username = null, email = null;
        DeferredText deferredUsername = default, deferredEmail = default;
        if (known is not { } k || !k.TryDefer(out subject, out deferredUsername, out deferredEmail))
        {
            payload.ReadIdentity(out subject, out username, out email);
        }

        return new RoleResolution(
            client ?? _singleClient,
            subject,
            username,
            email,
            groups,
            source,
            grants.Roles,
            grants.Permissions,
            grants.NamespacePermissions,
            warnings is not { Count: > 0 } ? ReadOnlyCollection<ResolutionWarning>.Empty : warnings.AsReadOnly(),
            grants.Trace,
            refusal).WithDeferredIdentity(deferredUsername, deferredEmail);
    }

    /// <summary>Reads the groups, then finds what they grant: their bindings, the default role, or the <c>require-groups</c> refusal.</summary>
    private ReadOnlyCollection<string> ReadAndBind(
        Payload groupsSource, RoleResolutionContext? context, int locatedGroups, bool readGroups, ref List<ResolutionWarning>? warnings,
        out GroupSource source, out Grants grants, out ResolutionRefusal? refusal)
    {
        refusal = null;
        var sentByName = _groupPaths == GroupPathMode.LastSegment ? new Dictionary<string, List<string>>(_groupComparer) : null;
        var groups = readGroups ? ReadGroups(groupsSource, context, ref warnings, sentByName, locatedGroups) : ReadOnlyCollection<string>.Empty;
        if (groups.Count > 0)
        {
            source = GroupSource.Groups;
            grants = GrantsFor(groups);
            if (!grants.Bound)
            {
                var consequence = _defaultRoleMode == DefaultRoleMode.Always && _defaultRole is not null
                    ? "so they add nothing to the default role"
                    : "so they grant nothing (the default role applies only to users without groups)";
                (warnings ??= []).Add(new ResolutionWarning(RoleWarningCodes.GroupsWithoutBindings,
                    $"the groups {string.Join(", ", groups.Select(g => $"'{g}'"))} come from the identity provider, but no role is bound to them here, {consequence}; in Kestra, bind roles to these groups; in this library, add them to 'kestra-security-oidc.group-bindings' or supply an IGroupRoleBindingSource"));
            }

            if (sentByName is not null)
            {
                (warnings ??= []).AddRange(LastSegmentWarnings.For(grants.Matches, sentByName));
            }
        }
        else if (_requireGroups)
        {
            source = GroupSource.None;
            grants = Grants.Nothing;
            refusal = new ResolutionRefusal(RoleWarningCodes.GroupsRequired,
                $"the user has no group at '{GroupsClaimPath?.Text}' and 'kestra-security-oidc.require-groups' is true, so the user is refused instead of getting the default role; add the user to a group in the identity provider, or check that the groups claim is in the ID token");
        }
        else if (_defaultGrants is not null)
        {
            source = GroupSource.DefaultRole;
            grants = _defaultGrants;
        }
        else
        {
            source = GroupSource.None;
            grants = Grants.Nothing;
            (warnings ??= []).Add(new ResolutionWarning(RoleWarningCodes.NoGroupsNoDefaultRole,
                "the user has no group and no default role is configured, so no permission applies; set 'kestra.security.default-role' to onboard such users"));
        }

        return groups;
    }

    /// <summary>Reads the groups as sent (sorted, duplicates removed); with last-segment paths, fills <paramref name="sentByName"/>.</summary>
    private ReadOnlyCollection<string> ReadGroups(
        Payload payload, RoleResolutionContext? context, ref List<ResolutionWarning>? warnings, Dictionary<string, List<string>>? sentByName, int located)
    {
        if (GroupsClaimPath is null)
        {
            payload.CheckWhole();
            return ReadOnlyCollection<string>.Empty;
        }

        var result = located >= 0 ? payload.EvaluateLocated(GroupsClaimPath, located) : payload.Evaluate(GroupsClaimPath);
        var diagnostics = result.Diagnostics;
        for (var i = 0; i < diagnostics.Count; i++)
        {
            (warnings ??= []).Add(new ResolutionWarning(diagnostics[i].Code, diagnostics[i].Message));
        }

        if (!result.Found)
        {
            (warnings ??= []).AddRange(MissingFromIdToken(context));
        }

        // Kept as sent and matched ordinally: the evaluation's own values (never empty, unique ordinally already) are the groups,
        // sorted in place; the result is this call's alone (issue 15).
        if (result.OwnValues is { } own && _groupPaths == GroupPathMode.Full && ReferenceEquals(_groupComparer, StringComparer.Ordinal))
        {
            if (own.Length > 1)
            {
                Array.Sort(own, s_ordinal);
            }

            return (ReadOnlyCollection<string>)result.Values;
        }

        // Few groups per user: a list, de-duplicated with the group comparer (first spelling kept) and sorted ordinally,
        // is the same result as a sorted set and a hash set, at a fraction of the allocations.
        var values = result.Values;
        var groups = new List<string>(values.Count);
        var seen = values.Count > 32 ? new HashSet<string>(_groupComparer) : null;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var group = GroupNames.Normalize(value, _groupPaths);
            if (group.Length == 0)
            {
                continue;
            }

            if (seen?.Add(group) ?? !Contains(groups, group, _groupComparer))
            {
                groups.Add(group);
            }

            if (sentByName is not null)
            {
                if (!sentByName.TryGetValue(group, out var sent))
                {
                    sent = [];
                    sentByName[group] = sent;
                }

                if (!sent.Contains(value, StringComparer.Ordinal))
                {
                    sent.Add(value);
                }
            }
        }

        if (groups.Count > 1)
        {
            groups.Sort(s_ordinal);
        }

        return groups.Count == 0 ? ReadOnlyCollection<string>.Empty : groups.AsReadOnly();
    }

    private static bool Contains(List<string> groups, string group, StringComparer comparer)
    {
        foreach (var existing in groups)
        {
            if (comparer.Equals(existing, group))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<ResolutionWarning> MissingFromIdToken(RoleResolutionContext? context)
    {
        var elsewhere = new List<string>();
        if (context?.AccessTokenPayload is { ValueKind: JsonValueKind.Object } access && GroupsClaimPath!.Evaluate(access).Values.Count > 0)
        {
            elsewhere.Add("the access token");
        }

        if (context?.UserInfo is { ValueKind: JsonValueKind.Object } userInfo && GroupsClaimPath!.Evaluate(userInfo).Values.Count > 0)
        {
            elsewhere.Add("the userinfo response");
        }

        if (elsewhere.Count > 0)
        {
            yield return new ResolutionWarning(RoleWarningCodes.ClaimNotInIdToken,
                $"'{GroupsClaimPath!.Text}' is in {string.Join(" and ", elsewhere)} but not in the ID token, and Kestra reads groups from the ID token only; {MapperHint(GroupsClaimPath.Text)}");
        }
    }

    private static string MapperHint(string path) => path switch
    {
        _ when path.StartsWith("resource_access", StringComparison.Ordinal) =>
            "in Keycloak, open Client Scopes → roles → Mappers → client roles and turn on 'Add to ID token' (and request the 'roles' scope)",
        _ when path.StartsWith("realm_access", StringComparison.Ordinal) =>
            "in Keycloak, open Client Scopes → roles → Mappers → realm roles and turn on 'Add to ID token' (and request the 'roles' scope)",
        _ when path.StartsWith("groups", StringComparison.Ordinal) =>
            "in Keycloak, add a 'Group Membership' mapper named 'groups' to the client's dedicated scope and turn on 'Add to ID token'",
        _ => $"turn on 'Add to ID token' on the identity provider's mapper that produces '{path}'",
    };

    /// <summary>
    /// The roles, permissions and trace of a set of groups. With configured bindings only, they depend on the groups
    /// alone, so they are built once per distinct list of groups and shared (<see cref="GrantCache{T}"/>): results are immutable.
    /// </summary>
    private Grants GrantsFor(ReadOnlyCollection<string> groups) =>
        _bindingSource is not null ? BuildGrants(groups) : _grantCache.GetOrBuild(groups, _buildGrants);

    private Grants BuildGrants(IReadOnlyList<string> groups)
    {
        var builder = new GrantBuilder();
        var matches = new List<(string BindingGroup, string Name)>();
        foreach (var binding in Bindings(groups))
        {
            var group = GroupNames.Normalize(binding.Group, _groupPaths);
            var matched = groups.FirstOrDefault(g => _groupComparer.Equals(g, group));
            if (matched is not null)
            {
                builder.Add(binding.Role, $"group '{matched}'", binding.Namespace);
                matches.Add((binding.Group, matched));
            }
        }

        if (_defaultRoleMode == DefaultRoleMode.Always && _defaultRole is not null)
        {
            builder.Add(_defaultRole, "default role", null);
        }

        return Grants.From(builder, matches);
    }

    private IEnumerable<GroupRoleBinding> Bindings(IReadOnlyList<string> groups) =>
        _bindingSource is null ? _configuredBindings : _configuredBindings.Concat(_bindingSource.GetBindings(groups));

    private static List<GroupRoleBinding> BuildConfiguredBindings(KestraOidcOptions options, KestraRole? defaultRole)
    {
        var roles = options.Extensions.Roles.ToDictionary(r => r.Key, r => KestraRole.FromOptions(r.Value, r.Key), StringComparer.Ordinal);
        if (options.DefaultRole?.Name is { } defaultName && defaultRole is not null)
        {
            roles.TryAdd(defaultName, defaultRole);
        }

        var bindings = new List<GroupRoleBinding>();
        foreach (var binding in options.Extensions.GroupBindings)
        {
            if (binding.Group is null)
            {
                continue;
            }

            if (binding.Namespace is not null && string.IsNullOrWhiteSpace(binding.Namespace))
            {
                throw new KestraConfigurationException(
                    $"{DiagnosticCodes.EmptyBindingNamespace}: the namespace of the binding of group '{binding.Group}' is empty, which would grant its roles in every namespace; set the namespace, or leave it null for a binding that applies everywhere");
            }

            foreach (var roleName in binding.Roles)
            {
                if (roles.TryGetValue(roleName, out var role))
                {
                    bindings.Add(new GroupRoleBinding(binding.Group, role, binding.Namespace));
                }
            }
        }

        return bindings;
    }

    /// <summary>The groups a groups-claim value gave and what they grant (<see cref="GroupsValueCache{T}"/>).</summary>
    private sealed record ResolvedGroups(ReadOnlyCollection<string> Groups, Grants Grants);

    /// <summary>What a set of roles grants, built once and shared by results (every part is immutable).</summary>
    private sealed record Grants(
        IReadOnlyList<ResolvedRole> Roles,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> NamespacePermissions,
        IReadOnlyList<PermissionTrace> Trace,
        IReadOnlyList<(string BindingGroup, string Name)> Matches)
    {
        public static Grants Nothing { get; } = From(new GrantBuilder(), []);

        /// <summary>Whether a binding gave the groups a role.</summary>
        public bool Bound => Matches.Count > 0;

        public static Grants From(GrantBuilder builder, List<(string BindingGroup, string Name)> matches) =>
            new(builder.Roles(), builder.GlobalPermissions(), builder.NamespacePermissions(), builder.Trace(), matches.AsReadOnly());
    }

    /// <summary>A payload as UTF-8 bytes or as a parsed element; claim paths evaluate either without copying.</summary>
    private readonly ref struct Payload
    {
        private readonly ReadOnlySpan<byte> _utf8;
        private readonly JsonElement _element;
        private readonly ClaimPathEvaluationOptions? _options;

        public Payload(ReadOnlySpan<byte> utf8, ClaimPathEvaluationOptions options)
        {
            _utf8 = utf8;
            _options = options;
        }

        public Payload(JsonElement element) => _element = element;

        /// <summary>Bytes of a UTF-8 payload.</summary>
        public ReadOnlySpan<byte> Slice(int start, int length) => _utf8.Slice(start, length);

        public ClaimPathResult Evaluate(ClaimPath path) => _options is null ? path.Evaluate(_element) : path.Evaluate(_utf8, _options);

        /// <summary>Like <see cref="Evaluate"/>, starting where the validator found the path's first member (UTF-8 payloads only).</summary>
        public ClaimPathResult EvaluateLocated(ClaimPath path, int firstValueStart) =>
            _options is null ? path.Evaluate(_element) : path.EvaluateLocated(_utf8, firstValueStart, _options);

        /// <summary>The first string at a single-name path, reading only as far as needed.</summary>
        public string? String(ClaimPath path)
        {
            var values = (_options is null ? path.Evaluate(_element) : path.Evaluate(_utf8, ClaimPathEvaluationOptions.Default)).Values;
            return values.Count > 0 ? values[0] : null;
        }

        /// <summary>
        /// <c>sub</c>, <c>preferred_username</c> and <c>email</c> as the single-name claim paths give them (a non-empty string, or
        /// the first non-empty string of an array): from UTF-8, in one pass over the top-level members instead of three.
        /// </summary>
        public void ReadIdentity(out string? subject, out string? username, out string? email)
        {
            try
            {
                if (_options is not null)
                {
                    ReadIdentityUtf8(out subject, out username, out email);
                    return;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or JsonException)
            {
                // Invalid UTF-8 or malformed JSON (claims given to ResolveClaims): the claim paths report it their own way.
            }

            subject = String(s_subject);
            username = String(s_username);
            email = String(s_email);
        }

        private void ReadIdentityUtf8(out string? subject, out string? username, out string? email)
        {
            subject = username = email = null;
            var reader = new Utf8JsonReader(_utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var which = reader.ValueTextEquals("sub"u8) ? 1 : reader.ValueTextEquals("preferred_username"u8) ? 2 : reader.ValueTextEquals("email"u8) ? 3 : 0;
                reader.Read();
                if (which == 0)
                {
                    reader.Skip();
                    continue;
                }

                var value = FirstString(ref reader);
                if (which == 1)
                {
                    subject ??= value;
                }
                else if (which == 2)
                {
                    username ??= value;
                }
                else
                {
                    email ??= value;
                }
            }
        }

        private static string? FirstString(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.ValueSpan.Length > 0 || reader.ValueIsEscaped ? NonEmpty(reader.GetString()) : null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }

            string? first = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (first is null && reader.TokenType == JsonTokenType.String)
                {
                    first = NonEmpty(reader.GetString());
                }
                else
                {
                    reader.Skip();
                }
            }

            return first;
        }

        private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        /// <summary>Reads the whole payload when nothing else did (no groups claim path), so bad input is still an error.</summary>
        public void CheckWhole()
        {
            if (_options is not null)
            {
                s_subject.Evaluate(_utf8, _options);
            }
        }
    }
}
