namespace Kestra.Security.Oidc.Tests;

/// <summary>Paths of the test data files copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([TestContext.CurrentContext.TestDirectory, "TestData", .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
