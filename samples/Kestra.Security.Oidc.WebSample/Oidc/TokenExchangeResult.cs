namespace Kestra.Security.Oidc.WebSample.Oidc;

/// <summary>The ID token from the code exchange, or the provider's error.</summary>
internal sealed record TokenExchangeResult(string? IdToken, string? Error, string? ErrorDescription)
{
    public static TokenExchangeResult Success(string idToken) => new(idToken, null, null);

    public static TokenExchangeResult Fail(string error, string description) => new(null, error, description);
}
