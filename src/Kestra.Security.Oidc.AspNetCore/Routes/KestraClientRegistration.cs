namespace Kestra.Security.Oidc.AspNetCore.Routes;

/// <summary>One <c>AddKestraOpenIdConnect(client)</c> call: the client it names (or none: the only configured one) and its scheme.</summary>
internal sealed record KestraClientRegistration(string? Client, string Scheme);
