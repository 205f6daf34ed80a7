using Kestra.Security.Oidc.AspNetCore.Claims;
using Kestra.Security.Oidc.Authorization;

#pragma warning disable IDE0130 // ASP.NET Core's convention: HttpContext extensions live in Microsoft.AspNetCore.Http.
namespace Microsoft.AspNetCore.Http;
#pragma warning restore IDE0130

/// <summary>Reads what Kestra's SSO resolved for the current request.</summary>
public static class KestraHttpContextExtensions
{
    /// <summary>
    /// The groups, roles and permissions the library resolved for the signed-in user (the claims transformation of
    /// <c>AddKestraOpenIdConnect</c> / <c>AddKestraJwtBearer</c>), or <see langword="null"/> for an anonymous request
    /// or a principal from another scheme.
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapGet("/whoami", (HttpContext http) => http.GetKestraResolution() is { } r ? Results.Ok(r.Groups) : Results.Unauthorized());
    /// </code>
    /// </example>
    public static RoleResolution? GetKestraResolution(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var identity in context.User.Identities)
        {
            if (identity is KestraResolvedIdentity resolved)
            {
                return resolved.Resolution;
            }
        }

        return null;
    }
}
