using System.Text.Json;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The outcome of validating a JWT access token (SPEC §7): valid, with the validated payload and its main claims, or rejected,
/// with the <see cref="Failure">check</see> that failed, its <see cref="Code"/> and a message. Messages never contain the token.
/// </summary>
public sealed record AccessTokenValidationResult
{
    private object? _payload;
    private IReadOnlyList<string>? _audiences;
    private AudienceClaim _audience;

    private AccessTokenValidationResult()
    {
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure is null;

    /// <summary>The check that rejected the token; <see langword="null"/> when valid.</summary>
    public AccessTokenCheck? Failure { get; private init; }

    /// <summary>The stable code of the failed check (see <see cref="AccessTokenCheckCodes"/>); <see langword="null"/> when valid.</summary>
    public string? Code => Failure is { } check ? AccessTokenCheckCodes.Of(check) : null;

    /// <summary>What failed and why, prefixed with <see cref="Code"/>; empty when valid.</summary>
    public string Message { get; private init; } = string.Empty;

    /// <summary>The client the token was validated for (named by the caller, or picked by the token's issuer); <see langword="null"/> when none could be picked.</summary>
    public string? ClientName { get; private init; }

    /// <summary>The validated <c>sub</c>, or <c>client_id</c> for a service account without <c>sub</c>; <see langword="null"/> when rejected.</summary>
    public string? Subject { get; private init; }

    /// <summary>The validated <c>iss</c>; <see langword="null"/> when rejected.</summary>
    public string? Issuer { get; private init; }

    /// <summary>The token's audiences (<c>aud</c>); empty when rejected.</summary>
    /// <remarks>Decoded from the payload on first use.</remarks>
    public IReadOnlyList<string> Audiences => _audiences ??= IsValid ? AudienceList.ToList(PayloadUtf8.Span, _audience) : [];

    /// <summary>The client the token was issued to (<c>azp</c>, else <c>client_id</c>), when the token says.</summary>
    public string? AuthorizedParty { get; private init; }

    /// <summary>The validated <c>exp</c>; <see langword="null"/> when rejected.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    /// <summary>The validated payload (walk it with claim paths); <c>default</c> (<see cref="JsonValueKind.Undefined"/>) when rejected.</summary>
    public JsonElement Payload => IsValid ? (JsonElement)(_payload ??= JsonElement.Parse(PayloadUtf8.Span)) : default;

    /// <summary>The validated payload as UTF-8 JSON bytes; empty when rejected.</summary>
    public ReadOnlyMemory<byte> PayloadUtf8 { get; private init; }

    /// <summary>Where the payload's identity claims lie (for the role resolver, which then need not read the payload for them).</summary>
    internal IdentityClaims? Identity { get; private init; }

    internal static AccessTokenValidationResult Rejected(string? clientName, AccessTokenCheck check, string message) =>
        new() { ClientName = clientName, Failure = check, Message = $"{AccessTokenCheckCodes.Of(check)}: {message}" };

    internal static AccessTokenValidationResult Valid(string clientName, string issuer, string subject, AudienceClaim audience, string? authorizedParty, DateTimeOffset expiresAt, byte[] payloadUtf8, IdentityClaims identity) =>
        new()
        {
            Identity = identity,
            ClientName = clientName,
            Subject = subject,
            Issuer = issuer,
            _audience = audience,
            AuthorizedParty = authorizedParty,
            ExpiresAt = expiresAt,
            PayloadUtf8 = payloadUtf8,
        };

    /// <summary>The outcome without the payload (never printed: it may hold personal data).</summary>
    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? $"AccessTokenValidationResult {{ Valid, ClientName = {ClientName}, Subject = {Subject}, Issuer = {Issuer} }}" : $"AccessTokenValidationResult {{ {Message} }}";
}
