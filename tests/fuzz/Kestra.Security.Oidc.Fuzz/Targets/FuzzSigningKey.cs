namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>A fixed RSA key for fuzzing only (generated for this harness; it protects nothing), so committed seed tokens keep verifying.</summary>
internal static class FuzzSigningKey
{
    public const string Kid = "fuzz-key-1";

    /// <summary>The HMAC key the JWKS also publishes (as <c>kty: oct</c>), to show HS256 tokens are refused.</summary>
    public const string HmacSecret = "fuzz-hmac-secret-0123456789abcdef";

    public const string PrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDhs0p7x1T3fTxC
        PLjrzLFB9qZpVnPV4g/dpdxwejAdUlpQAV2AvnMISsSBCGuAHo0RktUjGn4l5yUX
        BZml8agxtAUt00WQz+BIk79dIZy6KRbBlhnHs7T9U66G5VpC0tcJlmoJFn9M6PUE
        BX8dOsVyPNiphcWLYSOAJXPpwWc95erCBpwNZnCnnPE4BGytkol4rb4YTiV+S6sV
        +76ElbKFVw0w0Oh2/G0dGm31nIigqPWTBYrDbwVmtH8BCDN/zHCwHx++FKc6NLmp
        JI4QVsZnskdh4w5dCO8QXsik6aXh24QDDqvJ7OHBK4f7HtYWsafNXY5lsGHizwRA
        QyD9Yum/AgMBAAECggEAEgPMiyqy5noxiBvuqquQ7nHwgHHtFwJPP+LQQI4QLxb2
        rHIfc3pAFkZZfu8cHYLSwbdVmdKwhPf5JuhEhlFOmoEC9NBrOg7NmR1p5dYb+2Py
        NAt2DVGTvbCjOpMt7C2GCnbeCdGo4YuqmuKRbdTWE7M1m/pYdTKQsdbLdLoCMpd0
        DjdddzMXJR+UnLTHS9S4fcQTCDswSzc7OIEVkfXUa4VfHWATeCqt0zPW6ZpWwrTX
        AWVwcjxcJJ34iPDZz31BhAy/hcLLWjYcSn2JU3kJ935slpr+l/REoOSs0vnLRTIC
        87lLdBeO3LkboqIbnd/XNoDUAWB2CmdoZiikwfk1eQKBgQD2SSBbNrDZUkmjUziC
        3BJ3YtoKSWzCeNEW2C8mPUiv7rj5QKtvwgNrGlmgWaHx+X+hvgAPMBrBDeG0boR5
        7vdYLCpLdWHKjIiOjzNBpfNjojpdB6lvyK5xoC5cGubZidsYnFGxnWDI/gMrWLUL
        Xc1kQ8KFlqPYm/ytighVnAuEUwKBgQDqmk3fbCRSwl/+D2c+5LuEClj5I8df3ph1
        nldIzKPbtq7IrqgY6+AAG6FteK54dJP6zOy6LzWc1HAS6JRTzg1HCp+lt9Lc0y+k
        lmcnExyyRWzA2cfTlT27+XLAC9DeTg2gOC9jUzVhCBC07t5aNllSWWYOuGqTnACl
        CRTSZbLXZQKBgAldZnmRbtAUrPAk7fUr4RfhDmFtwVDzvx+bQM+3bNgjv6zapKov
        OmoMKnRKdDn7PrsrulzZe2rz2C1ANpFcYNNdeo47/GfzSA4Dq/NHGCYluQpojCzP
        +LIhYSHnc/e5ojchWonibhe2cPBpAxlXi8PQP8lMnRZTeBwxL3fx4w45AoGAbFmv
        tYyAiihzpScADDAf2q/cv9QidMidqVTkAx9gXk1VFCJ2SGxIHESmnaSrD77nyWFz
        w9mh7TjAOjtopfv4beMeMK9hl9OBoYZFReqxyjP+MmNiwvmedX6T3NaYNNPfvyuz
        1y/K63GKJcZcs1V+k2XumMXbkyjts0sqbrHBk3ECgYA7+zaV3H+rNtjGwCUUGjFU
        K3VFtlCcPyVxFZG58EjE6MoUMjS20ZOwi5o6m03BcJV1yol8iuacNrpbaprzqTLa
        5ftNYRpk0+iy/1NsmQpkBEKJsZlyeJFUzz5ooVnslva2OeG6GQnvhEt+KKDuwysi
        KcKZRfOO8QBGhRkeUZ44qw==
        -----END PRIVATE KEY-----
        """;
}
