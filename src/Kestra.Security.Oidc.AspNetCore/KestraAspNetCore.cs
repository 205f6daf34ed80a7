namespace Kestra.Security.Oidc.AspNetCore;

/// <summary>Facts about the ASP.NET Core integration package shared by its parts.</summary>
internal static class KestraAspNetCore
{
    /// <summary>The package's name, as it appears in logs and diagnostics.</summary>
    public const string PackageName = "Kestra.Security.Oidc.AspNetCore";
}
