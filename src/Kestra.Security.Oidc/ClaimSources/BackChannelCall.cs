using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// One request to an introspection or userinfo endpoint, with discovery's rules: no redirects, a timeout and a size cap.
/// Success and 401/403 come back as a <see cref="BackChannelResponse"/> (the caller knows what a refusal means there);
/// everything else is a <see cref="ClaimSourceException"/> that says what was reached and what came back.
/// </summary>
internal sealed class BackChannelCall(Func<HttpClient> httpClient, DiscoveryOptions options, TimeProvider time)
{
    public async Task<BackChannelResponse> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            var length = response.Content.Headers.ContentLength;
            if (status is >= 300 and < 400 || (response.RequestMessage?.RequestUri is { } final && final != url))
            {
                var location = response.Headers.Location?.ToString() ?? response.RequestMessage?.RequestUri?.ToString() ?? "(no Location header)";
                throw new ClaimSourceException(ClaimSourceErrorCodes.Redirect,
                    $"the {what} at '{url}' answered {status} redirecting to '{location}'; redirects are not followed: configure the final URL (the provider's hostname, or the endpoint override)",
                    url, status, contentType, length);
            }

            if (!response.IsSuccessStatusCode && status is not (401 or 403))
            {
                throw new ClaimSourceException(ClaimSourceErrorCodes.HttpError,
                    $"the {what} at '{url}' answered {status} {response.ReasonPhrase} ({contentType ?? "no content type"}, {(length is { } l ? $"{l} bytes" : "length unknown")}); the provider is failing or refuses this request, see its logs",
                    url, status, contentType, length);
            }

            var body = await ReadAsync(url, what, response, linked.Token).ConfigureAwait(false);
            return new BackChannelResponse(url, status, contentType, body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.Timeout,
                $"the {what} at '{url}' did not answer within {options.Timeout.TotalSeconds:0.###} s; check that the provider is up and reachable from this host, or raise 'kestra-security-oidc.discovery.timeout'",
                url, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.Unreachable,
                $"the {what} at '{url}' could not be reached ({ex.HttpRequestError}: {ex.Message}); check the URL, DNS and TLS, or set a back-channel base URL if this host reaches the provider at another address",
                url, innerException: ex);
        }
        catch (IOException ex)
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.Unreachable,
                $"the {what} at '{url}' broke off while its answer was read ({ex.Message}); check the provider and any proxy between it and this host",
                url, innerException: ex);
        }
    }

    private Task<byte[]> ReadAsync(Uri url, string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var cap = options.MaxResponseBytes;
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        return BoundedBody.ReadAsync(response, cap, length => TooLarge(url, what, status, contentType, length, cap), cancellationToken);
    }

    private static ClaimSourceException TooLarge(Uri url, string what, int status, string? contentType, long size, int cap) =>
        new(ClaimSourceErrorCodes.TooLarge,
            $"the {what} at '{url}' answered {status} with more than {cap} bytes ({contentType ?? "no content type"}); check the URL, or raise 'kestra-security-oidc.discovery.max-response-bytes'",
            url, status, contentType, size);
}
