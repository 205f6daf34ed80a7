using System.Diagnostics.Metrics;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Diagnostics;

/// <summary>
/// The library's <see cref="Meter"/> <c>Kestra.Security.Oidc</c>: discovery fetches, cache hits, token validations and
/// rejections by reason. Tags carry client names and check names only, never a token or claim.
/// </summary>
internal static class KestraOidcMetrics
{
    public const string MeterName = "Kestra.Security.Oidc";

    private static readonly Meter s_meter = new(MeterName, typeof(KestraOidcMetrics).Assembly.GetName().Version?.ToString());
    private static readonly Counter<long> s_fetches = s_meter.CreateCounter<long>("kestra_oidc.discovery.fetches", description: "HTTP fetches of discovery documents and JWKS, by outcome");
    private static readonly Counter<long> s_cacheHits = s_meter.CreateCounter<long>("kestra_oidc.discovery.cache_hits", description: "Metadata requests answered from the cache");
    private static readonly Counter<long> s_accepted = s_meter.CreateCounter<long>("kestra_oidc.tokens.accepted", description: "ID tokens that passed every check");
    private static readonly Counter<long> s_rejected = s_meter.CreateCounter<long>("kestra_oidc.tokens.rejected", description: "ID tokens rejected, by the check that failed");

    public static void Fetched(string document, string outcome) =>
        s_fetches.Add(1, new KeyValuePair<string, object?>("document", document), new KeyValuePair<string, object?>("outcome", outcome));

    public static void CacheHit(string client) => s_cacheHits.Add(1, new KeyValuePair<string, object?>("client", client));

    public static void TokenAccepted(string client) => s_accepted.Add(1, new KeyValuePair<string, object?>("client", client));

    public static void TokenRejected(string client, IdTokenCheck reason) =>
        s_rejected.Add(1, new KeyValuePair<string, object?>("client", client), new KeyValuePair<string, object?>("reason", reason.ToString()));
}
