using System.Net;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// One GET of a provider JSON document with the rules of SPEC §5: no redirects, a timeout, a size cap and a JSON content check.
/// Every failure is a <see cref="DiscoveryException"/> naming the URL and what came back.
/// </summary>
internal sealed class JsonDocumentFetcher(Func<HttpClient> httpClient, DiscoveryOptions options, TimeProvider time)
{
    /// <summary>Fetches <paramref name="url"/>; <paramref name="notFoundHint"/> is appended to a 404's message.</summary>
    public async Task<byte[]> FetchAsync(Uri url, string what, string? notFoundHint, CancellationToken cancellationToken)
    {
        try
        {
            var body = await FetchCoreAsync(url, what, notFoundHint, cancellationToken).ConfigureAwait(false);
            KestraOidcMetrics.Fetched(what, "ok");
            return body;
        }
        catch (DiscoveryException ex)
        {
            KestraOidcMetrics.Fetched(what, ex.Code);
            throw;
        }
    }

    private async Task<byte[]> FetchCoreAsync(Uri url, string what, string? notFoundHint, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            CheckResponse(url, what, notFoundHint, response);
            return await ReadBodyAsync(url, what, response, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.Timeout,
                $"the {what} at '{url}' did not answer within {options.Timeout.TotalSeconds:0.###} s; check that the provider is up and reachable from this host, or raise 'kestra-security-oidc.discovery.timeout'",
                url, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.Unreachable,
                $"the {what} at '{url}' could not be reached ({ex.HttpRequestError}: {ex.Message}); check the URL, DNS and TLS, or set a back-channel base URL if this host reaches the provider at another address",
                url, innerException: ex);
        }
        catch (IOException ex)
        {
            // The connection broke while the body was read (reset by the peer, or closed before Content-Length bytes): found by fault injection.
            throw new DiscoveryException(DiscoveryErrorCodes.Unreachable,
                $"the {what} at '{url}' broke off while its body was read ({ex.Message}); check the provider and any proxy between it and this host",
                url, innerException: ex);
        }
    }

    private static void CheckResponse(Uri url, string what, string? notFoundHint, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var length = response.Content.Headers.ContentLength;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location?.ToString() ?? "(no Location header)";
            throw new DiscoveryException(DiscoveryErrorCodes.Redirect,
                $"the {what} at '{url}' answered {status} redirecting to '{location}'; redirects are not followed: configure the final URL (issuer, or the Keycloak hostname KC_HOSTNAME)",
                url, status, contentType, length);
        }

        if (response.RequestMessage?.RequestUri is { } final && final != url)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.Redirect,
                $"the request for the {what} at '{url}' was redirected to '{final}'; redirects are not followed: configure the final URL, and do not let the HTTP client follow redirects",
                url, status, contentType, length);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.NotFound,
                $"the {what} at '{url}' answered 404 Not Found; {notFoundHint ?? "check the URL"}",
                url, status, contentType, length);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.HttpError,
                $"the {what} at '{url}' answered {status} {response.ReasonPhrase}; the provider is failing or refuses this host, see its logs",
                url, status, contentType, length);
        }

        if (contentType is not null && !MediaTypes.IsJson(contentType))
        {
            throw new DiscoveryException(DiscoveryErrorCodes.NotJson,
                $"the {what} at '{url}' answered with '{contentType}', not JSON{MediaTypes.HintFor(contentType)}; check the URL",
                url, status, contentType, length);
        }
    }

    private async Task<byte[]> ReadBodyAsync(Uri url, string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var cap = options.MaxResponseBytes;
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var body = await BoundedBody.ReadAsync(response, cap, length => TooLarge(url, what, status, contentType, length, cap), cancellationToken).ConfigureAwait(false);
        if (!LooksLikeJsonObject(body))
        {
            throw new DiscoveryException(DiscoveryErrorCodes.NotJson,
                $"the {what} at '{url}' is not a JSON object{(LooksLikeHtml(body) ? MediaTypes.HtmlHint : string.Empty)}; check the URL",
                url, status, contentType, body.Length);
        }

        return body;
    }

    private static DiscoveryException TooLarge(Uri url, string what, int status, string? contentType, long size, int cap) =>
        new(DiscoveryErrorCodes.TooLarge,
            $"the {what} at '{url}' is larger than {cap} bytes; check the URL, or raise 'kestra-security-oidc.discovery.max-response-bytes'",
            url, status, contentType, size);

    private static bool LooksLikeJsonObject(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{';
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body) => body.TrimStart(" \t\r\n"u8) is [(byte)'<', ..];
}
