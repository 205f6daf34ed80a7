using NUnit.Framework.Internal;

namespace Kestra.Security.Oidc.Testing;

/// <summary>
/// Runs every console test against both builds: a console fixture carries
/// <c>[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]</c> and implements <see cref="IConsoleFixture"/>.
/// </summary>
internal static class ConsoleBuilds
{
    public static readonly ConsoleBuild[] Both = [ConsoleBuild.Managed, ConsoleBuild.Native];

    /// <summary>The build of the running fixture; a console test outside such a fixture fails, saying what to add.</summary>
    public static ConsoleBuild Current =>
        TestExecutionContext.CurrentContext.TestObject is IConsoleFixture fixture
            ? fixture.Build
            : throw new InvalidOperationException(
                "console tests run against the managed and the native kestra-oidc: give the fixture "
                + "[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))], a ConsoleBuild constructor parameter and IConsoleFixture");
}
