namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// What one claim source gave: a JSON object (the claims), or why it could not be used, or why it refuses the token.
/// Messages never contain a token or a secret.
/// </summary>
internal sealed record SourceDocument
{
    public required ClaimSourceKind Source { get; init; }

    public required SourceStatus Status { get; init; }

    /// <summary>The claims as UTF-8 JSON (an object) when <see cref="Status"/> is <see cref="SourceStatus.Found"/>.</summary>
    public ReadOnlyMemory<byte> PayloadUtf8 { get; init; }

    /// <summary>The code of a rejection or a skip.</summary>
    public string? Code { get; init; }

    /// <summary>Why the source was skipped or refuses the token (without the code prefix).</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The document's <c>sub</c>, when it has one.</summary>
    public string? Subject { get; init; }

    /// <summary>The document's <c>exp</c>, when it has one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The introspection response's <c>client_id</c>, when it has one.</summary>
    public string? ClientId { get; init; }

    public static SourceDocument Found(ClaimSourceKind source, ReadOnlyMemory<byte> payload, string? subject = null, DateTimeOffset? expiresAt = null, string? clientId = null) =>
        new() { Source = source, Status = SourceStatus.Found, PayloadUtf8 = payload, Subject = subject, ExpiresAt = expiresAt, ClientId = clientId };

    public static SourceDocument Unavailable(ClaimSourceKind source, string message) =>
        new() { Source = source, Status = SourceStatus.Unavailable, Code = ClaimSourceErrorCodes.SourceSkipped, Message = message };

    public static SourceDocument Rejected(ClaimSourceKind source, string code, string message) =>
        new() { Source = source, Status = SourceStatus.Rejected, Code = code, Message = message };
}
