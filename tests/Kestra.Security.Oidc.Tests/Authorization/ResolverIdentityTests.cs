using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Authorization;

/// <summary>The one-pass read of <c>sub</c>, <c>preferred_username</c> and <c>email</c> from UTF-8 gives what the claim paths give.</summary>
public sealed class ResolverIdentityTests
{
    private static readonly KestraRoleResolver Resolver = new(new KestraOidcOptions { GroupsClaimPath = "groups" });

    [TestCase("""{"sub":"s","preferred_username":"alice","email":"a@example.com"}""", "s", "alice", "a@example.com")]
    [TestCase("""{"email":["","b@example.com","c@example.com"],"sub":"","preferred_username":{"x":"y"}}""", null, null, "b@example.com")]
    [TestCase("""{"\u0073ub":"s\u00e9","preferred_username":["",1,"bob"],"email":null}""", "sé", "bob", null)]
    [TestCase("""{"nested":{"sub":"no"},"list":[{"email":"no"}],"preferred_username":"[\"a\"]"}""", null, "[\"a\"]", null)]
    public void Utf8_and_parsed_payloads_give_the_same_identity(string json, string? subject, string? username, string? email)
    {
        var fromUtf8 = Resolver.Resolve(Encoding.UTF8.GetBytes(json));
        using var document = JsonDocument.Parse(json);
        var fromElement = Resolver.Resolve(document.RootElement);

        (fromUtf8.Subject, fromUtf8.PreferredUsername, fromUtf8.Email).Should().Be((subject, username, email));
        (fromElement.Subject, fromElement.PreferredUsername, fromElement.Email).Should().Be((subject, username, email));
    }

    [Test]
    public void Groups_are_sorted_and_deduplicated_with_the_group_comparer()
    {
        var options = new KestraOidcOptions { GroupsClaimPath = "groups" };
        options.Extensions.GroupMatching = GroupMatching.IgnoreCase;
        var resolver = new KestraRoleResolver(options);

        resolver.Resolve("""{"groups":["ops","Admins","admins","b","ops"]}"""u8).Groups.Should().Equal("Admins", "b", "ops");
        Resolver.Resolve("""{"groups":["ops","Admins","admins","b","ops"]}"""u8).Groups.Should().Equal("Admins", "admins", "b", "ops");
    }

    [Test]
    public void An_empty_group_is_not_a_group_whatever_the_matching()
    {
        var ignoreCase = new KestraOidcOptions { GroupsClaimPath = "groups" };
        ignoreCase.Extensions.GroupMatching = GroupMatching.IgnoreCase;

        Resolver.Resolve("""{"groups":["ops","","Admins"]}"""u8).Groups.Should().Equal("Admins", "ops");
        new KestraRoleResolver(ignoreCase).Resolve("""{"groups":["ops","","Admins"]}"""u8).Groups.Should().Equal("Admins", "ops");
        Resolver.Resolve("""{"groups":[""]}"""u8).Source.Should().NotBe(GroupSource.Groups, "no group was sent");
    }
}
