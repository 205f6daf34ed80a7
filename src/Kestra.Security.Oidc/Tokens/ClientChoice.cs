namespace Kestra.Security.Oidc.Tokens;

/// <summary>The client picked for a token, or why none could be (<see cref="Code"/> is KSO5321 or KSO5322).</summary>
internal readonly record struct ClientChoice(string? Name, string? Code, string Message);
