using System.Text;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Authorization;

/// <summary>
/// The groups a validated groups-claim value resolved to, remembered by its exact bytes (issue 15): a hit must be exactly what
/// reading the value again gives, and the user's own claims are never taken from another token.
/// </summary>
public sealed class GroupsValueCacheTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void A_value_is_found_only_by_its_exact_bytes()
    {
        var cache = new GroupsValueCache<object>();
        var resolved = new object();
        cache.Add(Utf8("""{"kestra":{"roles":["Admin"]}}"""), resolved);

        cache.TryGet(Utf8("""{"kestra":{"roles":["Admin"]}}"""), out var found).Should().BeTrue();
        found.Should().BeSameAs(resolved);
        cache.TryGet(Utf8("""{"kestra":{"roles":["Admim"]}}"""), out _).Should().BeFalse("one byte differs");
        cache.TryGet(Utf8("""{"kestra":{"roles":["Admin"]}} """), out _).Should().BeFalse("one byte more");
        cache.TryGet(Utf8("""{"kestra":{"roles":["Admin"]}"""), out _).Should().BeFalse("a prefix");
    }

    [Test]
    public void A_value_longer_than_the_limit_is_not_kept()
    {
        var cache = new GroupsValueCache<object>();
        var longest = new string('a', GroupsValueCache<object>.MaxValueLength);
        cache.Add(Utf8(longest), new object());
        cache.Add(Utf8(longest + "a"), new object());

        cache.TryGet(Utf8(longest), out _).Should().BeTrue();
        cache.TryGet(Utf8(longest + "a"), out _).Should().BeFalse();
    }

    [Test]
    public void Many_values_on_many_threads_never_find_another_values_entry()
    {
        // More values than slots: entries replace each other, so a lookup may miss, but a hit is always the value's own.
        var cache = new GroupsValueCache<string>();
        var values = Enumerable.Range(0, 4 * GroupsValueCache<string>.Slots).Select(i => $"[\"group-{i}\"]").ToArray();
        var hits = 0;
        Parallel.For(0, 8, thread =>
        {
            for (var round = 0; round < 200; round++)
            {
                foreach (var value in values)
                {
                    if (cache.TryGet(Utf8(value), out var found))
                    {
                        found.Should().Be(value);
                        Interlocked.Increment(ref hits);
                    }
                    else
                    {
                        cache.Add(Utf8(value), value);
                    }
                }
            }
        });

        hits.Should().BeGreaterThan(0);
        foreach (var value in values.Take(GroupsValueCache<string>.Slots))
        {
            cache.Add(Utf8(value), value);
            cache.TryGet(Utf8(value), out var found).Should().BeTrue();
            found.Should().Be(value);
        }
    }

    private static KestraOidcAuthenticator Authenticator(DiscoveryTestbed bed, IGroupRoleBindingSource? bindings = null)
    {
        bed.Options.GroupsClaimPath = "resource_access.kestra.roles";
        bed.Options.DefaultRole = new RoleOptions { Name = "Viewer", Permissions = { ["FLOW"] = ["VIEW"] } };
        bed.Options.Extensions.Roles["Admin"] = new RoleOptions { Name = "Admin", Permissions = { ["FLOW"] = ["CREATE"] } };
        bed.Options.Extensions.GroupBindings.Add(new GroupBindingOptions { Group = "Admin", Roles = ["Admin"] });
        return new KestraOidcAuthenticator(bed.Options, bed.Validator, new KestraRoleResolver(bed.Options, bindings));
    }

    private static async Task<RoleResolution> ResolveAsync(KestraOidcAuthenticator authenticator, DiscoveryTestbed bed, Func<Tests.Tokens.TestTokenBuilder, Tests.Tokens.TestTokenBuilder> token)
    {
        var result = await authenticator.AuthenticateAsync(token(bed.Token()).Build(), DiscoveryTestbed.Client);
        result.Validation!.IsValid.Should().BeTrue(result.Message);
        return result.Resolution!;
    }

    [Test]
    public async Task Two_users_with_the_same_groups_value_share_its_groups_and_grants_but_not_their_identity()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = Authenticator(bed);

        var alice = await ResolveAsync(authenticator, bed, t => t);
        var bob = await ResolveAsync(authenticator, bed, t => t.With("sub", "bob-id").With("preferred_username", "bob").With("email", "bob@example.test"));

        bob.Groups.Should().BeSameAs(alice.Groups, "the second token's value was seen before");
        bob.Permissions.Should().BeSameAs(alice.Permissions);
        bob.Groups.Should().Equal("Admin", "Developer");
        bob.Roles.Select(r => r.Name).Should().Equal("Admin");
        bob.Subject.Should().Be("bob-id");
        bob.PreferredUsername.Should().Be("bob");
        bob.Email.Should().Be("bob@example.test");
        alice.PreferredUsername.Should().Be("alice");
    }

    [Test]
    public async Task A_value_that_differs_in_one_byte_is_read_on_its_own()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = Authenticator(bed);

        var first = await ResolveAsync(authenticator, bed, t => t);
        var other = await ResolveAsync(authenticator, bed, t => t.With("resource_access", new Dictionary<string, object> { ["kestra"] = new { roles = new[] { "Admin", "Developes" } } }));

        other.Groups.Should().Equal("Admin", "Developes");
        first.Groups.Should().Equal("Admin", "Developer");
    }

    [Test]
    public async Task A_value_whose_resolution_warns_is_read_again_and_warns_again()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = Authenticator(bed);
        Func<Tests.Tokens.TestTokenBuilder, Tests.Tokens.TestTokenBuilder> unbound =
            t => t.With("resource_access", new Dictionary<string, object> { ["kestra"] = new { roles = new[] { "Nobody" } } });

        var first = await ResolveAsync(authenticator, bed, unbound);
        var second = await ResolveAsync(authenticator, bed, unbound);

        first.Warnings.Select(w => w.Code).Should().Contain(RoleWarningCodes.GroupsWithoutBindings);
        second.Warnings.Select(w => w.Code).Should().Contain(RoleWarningCodes.GroupsWithoutBindings);
        second.Groups.Should().NotBeSameAs(first.Groups);
    }

    [Test]
    public async Task With_a_host_binding_source_nothing_is_remembered_so_its_changes_apply_at_once()
    {
        using var bed = new DiscoveryTestbed();
        var bindings = new ChangingBindings();
        var authenticator = Authenticator(bed, bindings);

        var before = await ResolveAsync(authenticator, bed, t => t);
        bindings.Role = new KestraRole("Developer", new Dictionary<string, IList<string>> { ["NAMESPACE"] = ["READ"] });
        var after = await ResolveAsync(authenticator, bed, t => t);

        before.Roles.Select(r => r.Name).Should().Equal("Admin");
        after.Roles.Select(r => r.Name).Should().BeEquivalentTo(["Admin", "Developer"]);
    }

    private sealed class ChangingBindings : IGroupRoleBindingSource
    {
        public KestraRole? Role { get; set; }

        public IEnumerable<GroupRoleBinding> GetBindings(IReadOnlyList<string> groups) =>
            Role is null ? [] : [new GroupRoleBinding("Developer", Role)];
    }
}
