using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>
/// One Keycloak-shaped RS256 ID token, validated with cached keys: the cost floor (<see cref="RawRs256Verify"/>, the baseline: the
/// RSA check alone, with the key object the library imported), the bare <see cref="JsonWebTokenHandler"/>, the
/// library's <see cref="IdTokenValidator"/> alone, and the library's full request path (<see cref="KestraOidcAuthenticator"/>:
/// validation, then groups from <c>resource_access.kestra.roles</c>, bindings and permissions), and the same path for a Keycloak
/// access token alone (<see cref="KestraOidcAuthenticator.AuthenticateAccessTokenAsync"/>: the access-token profile, then the
/// claim-source chain: target within 1.05× of the ID-token path).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class TokenPipelineBenchmarks
{
    private const string Client = "keycloak";

    private InMemoryProvider _provider = null!;
    private HttpClient _http = null!;
    private string _idToken = null!;
    private string _accessToken = null!;
    private JsonWebTokenHandler _bareHandler = null!;
    private TokenValidationParameters _bareParameters = null!;
    private KestraOidcAuthenticator _authenticator = null!;
    private RSA _publicKey = null!;
    private RSA _separateKey = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;

    /// <summary>The library's configuration (for the resolver, when it is added).</summary>
    protected KestraOidcOptions Options { get; private set; } = null!;

    /// <summary>The library's validator, keys cached.</summary>
    protected IdTokenValidator Validator { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new InMemoryProvider();
        _http = new HttpClient(_provider);
        Options = new KestraOidcOptions();
        Options.Clients[Client] = new OidcClientOptions { ClientId = "kestra", OpenId = { Issuer = InMemoryProvider.Issuer } };
        Options.GroupsClaimPath = "resource_access.kestra.roles";
        Options.DefaultRole = new RoleOptions { Name = "Editor" };
        Options.DefaultRole.Permissions["FLOW"] = ["CREATE", "READ", "UPDATE", "DELETE"];
        Options.Extensions.Roles["Admin"] = new RoleOptions { Name = "Admin" };
        Options.Extensions.Roles["Admin"].Permissions["FLOW"] = ["VIEW", "LIST", "EXECUTE"];
        Options.Extensions.GroupBindings.Add(new GroupBindingOptions { Group = "Admin", Roles = ["Admin"] });
        var metadataProvider = new IssuerMetadataProvider(Options, _http);
        Validator = new IdTokenValidator(Options, metadataProvider);
        _authenticator = new KestraOidcAuthenticator(Options, Validator, new KestraRoleResolver(Options));
        var metadata = metadataProvider.GetAsync(Client).AsTask().GetAwaiter().GetResult();

        _idToken = MintToken("ID");
        _accessToken = MintToken("Bearer");
        _bareHandler = new JsonWebTokenHandler { MapInboundClaims = false };
        _bareParameters = new TokenValidationParameters
        {
            ValidIssuer = InMemoryProvider.Issuer,
            ValidAudience = "kestra",
            IssuerSigningKeys = metadata.SigningKeys,
            ValidAlgorithms = ["RS256"],
        };

        // The floor: the same token's RS256 check with the same public key, nothing else: the very key object the library
        // imported from the JWKS, because OpenSSL's speed differs between two imports of one key by up to 4 % from process to
        // process (their native memory), which would blur a ratio near 1.1. The same key imported separately is a row of its own.
        _publicKey = (RSA)metadata.KeySet.Entries.Single().PublicKey;
        _separateKey = RSA.Create(_provider.Rsa.ExportParameters(false));
        var lastDot = _idToken.LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(_idToken[..lastDot]);
        _signature = Base64Url.DecodeFromChars(_idToken.AsSpan(lastDot + 1));
        if (!RawRs256Verify() || !RawRs256VerifySeparateImport() || !BareJsonWebTokenHandler().GetAwaiter().GetResult() || !KestraValidate().GetAwaiter().GetResult()
            || KestraValidateAndResolve().GetAwaiter().GetResult() != 3
            || KestraValidateAccessTokenAndResolve().GetAwaiter().GetResult() != 3)
        {
            throw new InvalidOperationException("the benchmark token does not validate");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _separateKey.Dispose();
        _provider.Dispose();
    }

    [Benchmark]
    public async Task<bool> BareJsonWebTokenHandler() =>
        (await _bareHandler.ValidateTokenAsync(_idToken, _bareParameters)).IsValid;

    /// <summary>The cost floor (issue 15): <see cref="RSA.VerifyData(byte[], byte[], HashAlgorithmName, RSASignaturePadding)"/> over the token's signed bytes.</summary>
    [Benchmark(Baseline = true)]
    public bool RawRs256Verify() => _publicKey.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The floor with the same public key imported separately (what <see cref="RawRs256Verify"/> measured before): the spread between two key objects.</summary>
    [Benchmark]
    public bool RawRs256VerifySeparateImport() => _separateKey.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark]
    public async Task<bool> KestraValidate() => (await ValidateWithLibraryAsync()).IsValid;

    /// <summary>The library's whole request path: validate, then resolve groups, roles and permissions. Returns the FLOW action count.</summary>
    [Benchmark]
    public async Task<int> KestraValidateAndResolve()
    {
        var result = await _authenticator.AuthenticateAsync(_idToken, Client);
        return result.Resolution!.Permissions["FLOW"].Count;
    }

    /// <summary>The same request path for a Keycloak access token alone (<c>typ: Bearer</c>), groups from the access token. Returns the FLOW action count.</summary>
    [Benchmark]
    public async Task<int> KestraValidateAccessTokenAndResolve()
    {
        var result = await _authenticator.AuthenticateAccessTokenAsync(_accessToken, Client);
        return result.Resolution!.Permissions["FLOW"].Count;
    }

    /// <summary>The library's validation of the benchmark token.</summary>
    protected ValueTask<IdTokenValidationResult> ValidateWithLibraryAsync() => Validator.ValidateAsync(_idToken, Client);

    /// <summary>A Keycloak-shaped token of the given <c>typ</c> claim: <c>ID</c> (an ID token) or <c>Bearer</c> (an access token).</summary>
    private string MintToken(string typ)
    {
        var now = DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = InMemoryProvider.Issuer,
            Audience = "kestra",
            IssuedAt = now.UtcDateTime,
            NotBefore = null,
            Expires = now.AddDays(1).UtcDateTime,
            SigningCredentials = _provider.SigningCredentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90",
                ["typ"] = typ,
                ["azp"] = "kestra",
                ["sid"] = "0e5c9a3b-7d21-4f6e-8b4a-1c2d3e4f5a6b",
                ["auth_time"] = now.ToUnixTimeSeconds(),
                ["acr"] = "1",
                ["email_verified"] = true,
                ["name"] = "Alice Example",
                ["preferred_username"] = "alice",
                ["given_name"] = "Alice",
                ["family_name"] = "Example",
                ["email"] = "alice@example.com",
                ["resource_access"] = new Dictionary<string, object> { ["kestra"] = new Dictionary<string, object> { ["roles"] = new[] { "Admin", "Developer" } } },
                ["groups"] = new[] { "/kestra/admins", "/kestra/developers" },
            },
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }
}
