namespace Kestra.Security.Oidc.Testing;

/// <summary>Which build of <c>kestra-oidc</c> a console test runs: both must print the same (SPEC §10).</summary>
public enum ConsoleBuild
{
    /// <summary><c>dotnet kestra-oidc.dll</c>, from the test's own build.</summary>
    Managed,

    /// <summary>The Native AOT executable: <see cref="NativeConsole.Variable"/>, or published on first use.</summary>
    Native,
}
