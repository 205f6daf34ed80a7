// A service next to Kestra: reads Kestra's YAML, resolves a Keycloak ID-token payload, prints the answer.
using Kestra.Security.Oidc.Authorization;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection().AddKestraOidc(args[0], reloadOnChange: false);
using var provider = services.BuildServiceProvider();
var resolver = provider.GetRequiredService<KestraRoleResolver>();
var resolution = resolver.Resolve(File.ReadAllBytes(args[1]));
Console.WriteLine($"source={resolution.SourceName}");
foreach (var (permission, actions) in resolution.Permissions)
{
    Console.WriteLine($"{permission}={string.Join(",", actions)}");
}
