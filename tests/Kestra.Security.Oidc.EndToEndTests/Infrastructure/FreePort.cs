using System.Net;
using System.Net.Sockets;

namespace Kestra.Security.Oidc.EndToEndTests.Infrastructure;

internal static class FreePort
{
    /// <summary>
    /// A TCP port on 127.0.0.1 that was free a moment ago. The web sample must know its own URL before it starts (the provider
    /// registers its redirect URIs, and <c>kestra.url</c> is written in its YAML), so it cannot bind port 0 itself.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
