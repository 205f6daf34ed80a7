namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>What an introspection or userinfo endpoint answered: status, media type and the whole body (within the size cap).</summary>
internal sealed record BackChannelResponse(Uri Url, int Status, string? ContentType, byte[] Body)
{
    /// <summary>"401, application/json, 54 bytes": what came back, for messages (never the body itself).</summary>
    public string Describe() => $"{Status}, {ContentType ?? "no content type"}, {Body.Length} bytes";
}
