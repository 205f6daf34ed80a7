using System.Reflection;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

public sealed class PackageTests
{
    [Test]
    public void The_package_has_the_same_version_as_the_core()
    {
        var core = typeof(KestraAuthenticationResult).Assembly.GetName().Version;
        var package = Assembly.Load("Kestra.Security.Oidc.AspNetCore").GetName().Version;

        package.Should().Be(core);
    }
}
