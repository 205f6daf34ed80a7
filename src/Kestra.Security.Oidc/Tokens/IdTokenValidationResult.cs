using System.Text.Json;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The outcome of validating an ID token: valid, with the validated payload and its main claims, or rejected, with the
/// <see cref="Failure">check</see> that failed and a message. Messages never contain the token.
/// </summary>
public sealed record IdTokenValidationResult
{
    private object? _payload;
    private IReadOnlyList<string>? _audiences;
    private AudienceClaim _audience;

    private IdTokenValidationResult()
    {
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure is null;

    /// <summary>The check that rejected the token; <see langword="null"/> when valid.</summary>
    public IdTokenCheck? Failure { get; private init; }

    /// <summary>The stable code of the failed check (<c>KSO5101</c>…); <see langword="null"/> when valid.</summary>
    public string? Code { get; private init; }

    /// <summary>What failed and why, prefixed with <see cref="Code"/>; empty when valid.</summary>
    public string Message { get; private init; } = string.Empty;

    /// <summary>The client the token was validated for.</summary>
    public required string ClientName { get; init; }

    /// <summary>The validated <c>sub</c>; <see langword="null"/> when rejected.</summary>
    public string? Subject { get; private init; }

    /// <summary>The validated <c>iss</c>; <see langword="null"/> when rejected.</summary>
    public string? Issuer { get; private init; }

    /// <summary>The token's audiences (<c>aud</c>); empty when rejected.</summary>
    /// <remarks>Decoded from the payload on first use.</remarks>
    public IReadOnlyList<string> Audiences => _audiences ??= IsValid ? AudienceList.ToList(PayloadUtf8.Span, _audience) : [];

    /// <summary>The validated <c>exp</c>; <see langword="null"/> when rejected.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    /// <summary>The validated payload (walk it with claim paths); <c>default</c> (<see cref="JsonValueKind.Undefined"/>) when rejected.</summary>
    /// <remarks>Parsed on first use; <see cref="PayloadUtf8"/> is the cheaper input for claim paths and the role resolver.</remarks>
    public JsonElement Payload => IsValid ? (JsonElement)(_payload ??= JsonElement.Parse(PayloadUtf8.Span)) : default;

    /// <summary>The validated payload as UTF-8 JSON bytes; empty when rejected.</summary>
    public ReadOnlyMemory<byte> PayloadUtf8 { get; private init; }

    /// <summary>Where the payload's identity claims lie (for the role resolver, which then need not read the payload for them).</summary>
    internal IdentityClaims? Identity { get; private init; }

    /// <summary>What the result says without personal data: no payload, no subject (used by <see cref="ToString"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ClientName = ").Append(ClientName).Append(", IsValid = ").Append(IsValid);
        if (IsValid)
        {
            builder.Append(", Issuer = ").Append(Issuer).Append(", ExpiresAt = ").Append(ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(", Message = ").Append(Message);
        }

        return true;
    }

    internal static IdTokenValidationResult Rejected(string clientName, IdTokenCheck check, string code, string message) =>
        new() { ClientName = clientName, Failure = check, Code = code, Message = $"{code}: {message}" };

    internal static IdTokenValidationResult Valid(string clientName, string issuer, string subject, AudienceClaim audience, DateTimeOffset expiresAt, byte[] payloadUtf8, IdentityClaims identity) =>
        new()
        {
            Identity = identity,
            ClientName = clientName,
            Subject = subject,
            Issuer = issuer,
            _audience = audience,
            ExpiresAt = expiresAt,
            PayloadUtf8 = payloadUtf8,
        };
}
