namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// A compact JWS read strictly: its header, its decoded payload (exactly sized: results keep it), and where its parts lie in the
/// token. The signature is decoded when it is checked.
/// </summary>
internal readonly record struct JwsToken(string Text, JwsHeader Header, byte[] Payload, int SignatureStart)
{
    /// <summary>The signing input's length: header and payload parts with the dot between them (RFC 7515 §5.2).</summary>
    public int SigningInputLength => SignatureStart - 1;
}
