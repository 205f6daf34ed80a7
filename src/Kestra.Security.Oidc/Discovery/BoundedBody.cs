namespace Kestra.Security.Oidc.Discovery;

/// <summary>Reads an HTTP response body up to a byte cap: shared by discovery, JWKS, introspection and userinfo fetches.</summary>
internal static class BoundedBody
{
    /// <summary>
    /// The whole body, or the exception <paramref name="tooLarge"/> builds from the length seen (declared or read so far)
    /// as soon as it exceeds <paramref name="cap"/>.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, long cap, Func<long, Exception> tooLarge, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > cap)
        {
            throw tooLarge(declared);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > cap)
                {
                    throw tooLarge(buffer.Length + read);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
