namespace Kestra.Security.Oidc.Authorization;

/// <summary>Which of Kestra's permission vocabularies a role uses (SPEC §2).</summary>
public enum PermissionModel
{
    /// <summary>Kestra 1.x: permissions with the actions <c>CREATE READ UPDATE DELETE</c>.</summary>
    Crud,

    /// <summary>Kestra 2.0: resources with actions such as <c>VIEW LIST EXECUTE</c>.</summary>
    ResourceAction,

    /// <summary>Both vocabularies appear in one role.</summary>
    Mixed,
}
