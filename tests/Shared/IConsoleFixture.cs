namespace Kestra.Security.Oidc.Testing;

/// <summary>A test fixture that runs <c>kestra-oidc</c> in one of its builds (see <see cref="ConsoleBuilds"/>).</summary>
internal interface IConsoleFixture
{
    ConsoleBuild Build { get; }
}
