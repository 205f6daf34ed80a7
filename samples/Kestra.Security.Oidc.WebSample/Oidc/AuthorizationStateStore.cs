using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Kestra.Security.Oidc.WebSample.Oidc;

/// <summary>
/// Keeps an <see cref="AuthorizationState"/> in a data-protected, HTTP-only cookie named after its <c>state</c>, for ten
/// minutes. Taking it deletes the cookie, so a callback can be used once.
/// </summary>
internal sealed class AuthorizationStateStore(IDataProtectionProvider dataProtection)
{
    private const string CookiePrefix = ".Kestra.Oidc.";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("Kestra.Security.Oidc.WebSample.AuthorizationState").ToTimeLimitedDataProtector();

    public void Save(HttpContext http, AuthorizationState state)
    {
        var payload = _protector.Protect(JsonSerializer.Serialize(state), Lifetime);
        http.Response.Cookies.Append(CookiePrefix + state.State, payload, Options(http));
    }

    /// <summary>The state saved under <paramref name="state"/>, or null when it is unknown, expired or tampered with.</summary>
    public AuthorizationState? Take(HttpContext http, string state)
    {
        if (!IsWellFormed(state) || !http.Request.Cookies.TryGetValue(CookiePrefix + state, out var payload))
        {
            return null;
        }

        http.Response.Cookies.Delete(CookiePrefix + state, Options(http));
        try
        {
            var saved = JsonSerializer.Deserialize<AuthorizationState>(_protector.Unprotect(payload));
            return saved is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(saved.State), System.Text.Encoding.ASCII.GetBytes(state)) ? saved : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }

    private static bool IsWellFormed(string state) =>
        state.Length is > 0 and <= 64 && state.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax, // top-level navigations back from the provider (same site on loopback) carry it
        Path = "/",
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
