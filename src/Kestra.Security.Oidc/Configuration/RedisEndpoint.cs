using System.Globalization;

namespace Kestra.Security.Oidc.Configuration;

/// <summary>Reads <c>shared-cache.redis</c>: <c>HOST:PORT</c>, the host a DNS name or an IP address (IPv6 in brackets).</summary>
internal static class RedisEndpoint
{
    public static bool TryParse(string? value, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (string.IsNullOrWhiteSpace(value) || value.Trim() != value)
        {
            return false;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return System.Net.IPAddress.TryParse(host[1..^1], out _);
        }

        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }
}
