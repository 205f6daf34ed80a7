using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kestra.Security.Oidc.WebSample.Hosting;

internal static class ReadyAnnouncement
{
    /// <summary>Prints <c>READY http://127.0.0.1:PORT</c> on stdout once Kestrel listens, like the test OpenID provider does.</summary>
    public static void AnnounceWhenReady(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            Console.Out.WriteLine($"READY {addresses?.FirstOrDefault()}");
            Console.Out.Flush();
        });
}
