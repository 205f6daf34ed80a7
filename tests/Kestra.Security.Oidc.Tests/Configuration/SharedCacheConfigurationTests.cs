using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary><c>kestra-security-oidc.shared-cache</c>: the keys, their defaults, and the errors an operator reads.</summary>
public sealed class SharedCacheConfigurationTests
{
    private static KestraConfigurationResult Load(string yaml, IReadOnlyDictionary<string, string?>? environment = null) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = environment ?? new Dictionary<string, string?>() });

    [Test]
    public void Without_the_section_state_is_in_memory_and_fails_open()
    {
        var shared = Load("kestra.url: http://localhost:8080").GetOptionsOrThrow().Extensions.SharedCache;

        shared.Redis.Should().BeNull();
        shared.FailClosed.Should().BeFalse();
        shared.RevocationRetention.Should().Be(TimeSpan.FromHours(24));
        shared.ResyncInterval.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Test]
    public void Every_key_is_read()
    {
        var shared = Load("""
            kestra-security-oidc:
              shared-cache:
                redis: 127.0.0.1:6379
                fail-closed: true
                revocation-retention: 12h
                resync-interval: 5s
            """).GetOptionsOrThrow().Extensions.SharedCache;

        shared.Redis.Should().Be("127.0.0.1:6379");
        shared.FailClosed.Should().BeTrue();
        shared.RevocationRetention.Should().Be(TimeSpan.FromHours(12));
        shared.ResyncInterval.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void An_environment_variable_sets_the_redis_endpoint()
    {
        var shared = Load("kestra.url: http://localhost:8080", new Dictionary<string, string?>
        {
            ["KESTRA_SECURITY_OIDC_SHARED_CACHE_REDIS"] = "redis.internal:6380",
        }).GetOptionsOrThrow().Extensions.SharedCache;

        shared.Redis.Should().Be("redis.internal:6380");
    }

    [TestCase("localhost:6379")]
    [TestCase("redis.internal:6380")]
    [TestCase("10.0.0.5:6379")]
    [TestCase("[::1]:6379")]
    public void Host_and_port_forms_are_accepted(string endpoint) =>
        Load($"kestra-security-oidc.shared-cache.redis: \"{endpoint}\"").Diagnostics.Should().BeEmpty();

    [TestCase("localhost")]
    [TestCase("localhost:0")]
    [TestCase("localhost:65536")]
    [TestCase(":6379")]
    [TestCase("redis://localhost:6379")]
    [TestCase("localhost:6379,password=hunter2")]
    [TestCase("[::1:6379")]
    public void Anything_but_host_and_port_is_an_error_that_does_not_repeat_the_value(string endpoint)
    {
        var result = Load($"""
            kestra-security-oidc:
              shared-cache:
                redis: "{endpoint}"
            """);

        result.IsValid.Should().BeFalse();
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "application.yml:3:12: kestra-security-oidc.shared-cache.redis: error KSO1015: the value is not HOST:PORT (not repeated here: it could hold a password); name the Redis server the instances share, e.g. 127.0.0.1:6379 or redis.internal:6379");
    }

    [Test]
    public void A_zero_retention_and_a_too_short_resync_are_errors()
    {
        var result = Load("""
            kestra-security-oidc:
              shared-cache:
                revocation-retention: 0s
                resync-interval: 500ms
            """);

        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "application.yml:3:27: kestra-security-oidc.shared-cache.revocation-retention: error KSO1015: the revocation retention must be positive; it must cover the longest lifetime of an access token or a cookie session",
            "application.yml:4:22: kestra-security-oidc.shared-cache.resync-interval: error KSO1015: the resync interval must be at least 1s (publications reach the instances at once; the resync only recovers a missed one)");
    }

    [Test]
    public void A_misspelt_key_gets_the_closest_one()
    {
        var result = Load("kestra-security-oidc.shared-cache.fail-close: true");

        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle()
            .Which.Should().Contain("did you mean 'fail-closed'?");
    }
}
