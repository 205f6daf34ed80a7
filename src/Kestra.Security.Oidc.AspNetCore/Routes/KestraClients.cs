using Kestra.Security.Oidc.AspNetCore.Diagnostics;
using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Routes;

/// <summary>Which configured client a route or a registration names, against the current options.</summary>
internal sealed class KestraClients(IEnumerable<KestraClientRegistration> registrations, IOptionsMonitor<KestraOidcOptions> options)
{
    private readonly KestraClientRegistration[] _registrations = [.. registrations];

    public IReadOnlyList<KestraClientRegistration> Registrations => _registrations;

    /// <summary>The client of a registration: the named one, or the only enabled one.</summary>
    /// <exception cref="InvalidOperationException">No client or several: the message says which and how to name one.</exception>
    public string ClientOf(KestraClientRegistration registration) => registration.Client ?? OnlyClient(options.CurrentValue);

    /// <summary>The registration and client a route's <c>{provider}</c> names, or null when none is registered and enabled.</summary>
    public (KestraClientRegistration Registration, string Client)? Find(string? provider)
    {
        var current = options.CurrentValue;
        if (!current.Enabled)
        {
            return null;
        }

        foreach (var registration in _registrations)
        {
            var client = registration.Client ?? TryOnlyClient(current);
            if (client is null || !current.Clients.TryGetValue(client, out var settings) || !settings.Enabled)
            {
                continue;
            }

            if (provider is null ? _registrations.Length == 1 : string.Equals(provider, client, StringComparison.Ordinal))
            {
                return (registration, client);
            }
        }

        return null;
    }

    /// <summary>The enabled clients that have a registration, in name order.</summary>
    public IReadOnlyList<string> EnabledClients()
    {
        var current = options.CurrentValue;
        return [.. _registrations
            .Select(r => r.Client ?? TryOnlyClient(current))
            .OfType<string>()
            .Where(c => current.Enabled && current.Clients.TryGetValue(c, out var s) && s.Enabled)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    public static string OnlyClient(KestraOidcOptions options) =>
        TryOnlyClient(options) ?? throw new InvalidOperationException(
            $"{AspNetCoreCodes.NoClient}: AddKestraOpenIdConnect()/AddKestraJwtBearer() without a client name needs exactly one enabled client under " +
            $"'micronaut.security.oauth2.clients'; configured: {(options.Clients.Count == 0 ? "none" : string.Join(", ", options.Clients.Keys))}. Name one: AddKestraOpenIdConnect(\"keycloak\").");

    private static string? TryOnlyClient(KestraOidcOptions options)
    {
        string? only = null;
        foreach (var (name, client) in options.Clients)
        {
            if (!client.Enabled)
            {
                continue;
            }

            if (only is not null)
            {
                return null;
            }

            only = name;
        }

        return only;
    }
}
