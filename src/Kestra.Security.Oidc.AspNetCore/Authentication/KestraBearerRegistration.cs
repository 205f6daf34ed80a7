namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>One <c>AddKestraJwtBearer(scheme, client)</c> call.</summary>
internal sealed record KestraBearerRegistration(string Scheme, string? Client);
