using System.Text.Json;
using Kestra.Security.Oidc.Authorization;

namespace Kestra.Security.Oidc.WebSample.Session;

/// <summary>
/// What the library resolved at login (groups, roles, permissions, trace, warnings), kept in the protected session cookie:
/// like Kestra, the groups claim is read when the user logs in.
/// </summary>
internal sealed record SessionSnapshot
{
    public const string PropertyName = "kestra.resolution";

    public required string Client { get; init; }

    public string? Subject { get; init; }

    public string? Username { get; init; }

    public string? Email { get; init; }

    public required string Source { get; init; }

    public required IReadOnlyList<string> Groups { get; init; }

    public required IReadOnlyList<RoleLine> Roles { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> NamespacePermissions { get; init; }

    public required IReadOnlyList<TraceLine> Trace { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public static SessionSnapshot From(string client, RoleResolution resolution) => new()
    {
        Client = client,
        Subject = resolution.Subject,
        Username = resolution.PreferredUsername,
        Email = resolution.Email,
        Source = resolution.SourceName,
        Groups = resolution.Groups,
        Roles = [.. resolution.Roles.Select(r => new RoleLine(r.Name, r.Model.ToString(), r.GrantedBy, r.Namespace))],
        Permissions = resolution.Permissions,
        NamespacePermissions = resolution.NamespacePermissions,
        Trace = [.. resolution.Trace.Select(t => new TraceLine(t.Permission, t.Action, t.Role, t.GrantedBy, t.Namespace))],
        Warnings = [.. resolution.Warnings.Select(w => w.ToString())],
    };

    public string Serialize() => JsonSerializer.Serialize(this);

    public static SessionSnapshot? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SessionSnapshot>(json);
        }
        catch (JsonException)
        {
            return null; // a cookie from an older sample: treated as no session
        }
    }
}

internal sealed record RoleLine(string Name, string Model, string GrantedBy, string? Namespace);

internal sealed record TraceLine(string Permission, string Action, string Role, string GrantedBy, string? Namespace);
