using System.Globalization;
using System.Text;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The outcome of validating a back-channel logout token: valid, with the session it ends, or rejected, with the
/// <see cref="Failure">check</see> that failed and a message. Messages and <see cref="ToString"/> never contain the token,
/// the session id or the subject.
/// </summary>
public sealed record LogoutTokenValidationResult
{
    private LogoutTokenValidationResult()
    {
    }

    /// <summary>Whether every check passed (and the token was not seen before).</summary>
    public bool IsValid => Failure is null;

    /// <summary>The check that rejected the token; <see langword="null"/> when valid.</summary>
    public LogoutTokenCheck? Failure { get; private init; }

    /// <summary>The stable code of the failed check (<c>KSO5101</c>…); <see langword="null"/> when valid.</summary>
    public string? Code { get; private init; }

    /// <summary>What failed and why, prefixed with <see cref="Code"/>; empty when valid.</summary>
    public string Message { get; private init; } = string.Empty;

    /// <summary>The client the token was validated for.</summary>
    public required string ClientName { get; init; }

    /// <summary>The validated <c>iss</c>; <see langword="null"/> when rejected.</summary>
    public string? Issuer { get; private init; }

    /// <summary>The session to end (<c>sid</c>), when the token names one; <see langword="null"/> when rejected.</summary>
    public string? SessionId { get; private init; }

    /// <summary>The user (<c>sub</c>), when the token names one; <see langword="null"/> when rejected.</summary>
    public string? Subject { get; private init; }

    /// <summary>The token's <c>jti</c>; <see langword="null"/> when rejected.</summary>
    public string? TokenId { get; private init; }

    /// <summary>When the provider issued the token (<c>iat</c>): when the session ended; <see langword="null"/> when rejected.</summary>
    public DateTimeOffset? IssuedAt { get; private init; }

    /// <summary>The validated <c>exp</c>; <see langword="null"/> when rejected.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientName = ").Append(ClientName).Append(", IsValid = ").Append(IsValid);
        if (IsValid)
        {
            builder.Append(", Issuer = ").Append(Issuer)
                .Append(", HasSessionId = ").Append(SessionId is not null)
                .Append(", IssuedAt = ").Append(IssuedAt?.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(", Message = ").Append(Message);
        }

        return true;
    }

    internal static LogoutTokenValidationResult Rejected(string clientName, LogoutTokenCheck check, string code, string message) =>
        new() { ClientName = clientName, Failure = check, Code = code, Message = $"{code}: {message}" };

    internal static LogoutTokenValidationResult Valid(string clientName, string issuer, string? sessionId, string? subject, string tokenId, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        new()
        {
            ClientName = clientName,
            Issuer = issuer,
            SessionId = sessionId,
            Subject = subject,
            TokenId = tokenId,
            IssuedAt = issuedAt,
            ExpiresAt = expiresAt,
        };
}
