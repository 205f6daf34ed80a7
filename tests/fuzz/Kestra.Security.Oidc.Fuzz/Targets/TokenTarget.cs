using System.Text;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// <c>token</c>: the input is an ID token. <see cref="IdTokenValidator.ValidateAsync"/> never throws for any token (the
/// provider here always answers), and never accepts a token that <see cref="TokenOracle"/> refuses: wrong signature,
/// algorithm, key, issuer, audience, azp, expiry, subject, nonce or token type.
/// </summary>
internal sealed class TokenTarget : IFuzzTarget
{
    private static readonly IdTokenValidationContext Context = new(FuzzIssuer.Nonce);
    private static readonly IdTokenValidator Validator = CreateValidator();

    public string Name => "token";

    public void Run(ReadOnlySpan<byte> data)
    {
        var token = Encoding.UTF8.GetString(data);
        var result = Validator.ValidateAsync(token, FuzzIssuer.ClientName, Context).AsTask().GetAwaiter().GetResult();
        if (result.IsValid && TokenOracle.WhyInvalid(token) is { } why)
        {
            throw new FuzzInvariantException($"a bad token was accepted ({why})");
        }

        if (!result.IsValid && (result.Failure is null || string.IsNullOrEmpty(result.Message) || result.Message.Contains(token, StringComparison.Ordinal) && token.Length > 32))
        {
            throw new FuzzInvariantException("a rejection without a named check and message, or with the token in its message");
        }
    }

    private static IdTokenValidator CreateValidator()
    {
        var options = FuzzIssuer.Options();
        var time = new FixedTimeProvider(FuzzIssuer.Now);
#pragma warning disable CA2000 // lives as long as the process
        var provider = new IssuerMetadataProvider(options, new HttpClient(new FuzzIssuer()), time);
#pragma warning restore CA2000
        return new IdTokenValidator(options, provider, time);
    }
}
