using System.Text.Json;
using Kestra.Security.Oidc.Tokens.Profiles;

namespace Kestra.Security.Oidc.Tests.Tokens.Profiles;

/// <summary>The logout-only rules of SPEC §9 (after the JWS core's): one test per missing or wrong member.</summary>
public sealed class LogoutTokenRulesTests
{
    private const string Event = "http://schemas.openid.net/event/backchannel-logout";

    private static LogoutTokenClaims Check(string payload, string? headerType = "logout+jwt")
    {
        using var document = JsonDocument.Parse(payload);
        return LogoutTokenRules.Check(headerType, document.RootElement.Clone());
    }

    private static string Payload(string members = "", bool events = true, bool jti = true, string sid = "\"sid-1\"", string sub = "\"alice\"")
    {
        var parts = new List<string>();
        if (events)
        {
            parts.Add($"\"events\":{{\"{Event}\":{{}}}}");
        }

        if (jti)
        {
            parts.Add("\"jti\":\"jti-1\"");
        }

        if (sid.Length > 0)
        {
            parts.Add($"\"sid\":{sid}");
        }

        if (sub.Length > 0)
        {
            parts.Add($"\"sub\":{sub}");
        }

        if (members.Length > 0)
        {
            parts.Add(members);
        }

        return "{" + string.Join(",", parts) + "}";
    }

    [Test]
    public void A_well_formed_logout_token_gives_its_jti_sid_and_sub()
    {
        var claims = Check(Payload());

        claims.Failed.Should().BeNull();
        (claims.TokenId, claims.SessionId, claims.Subject).Should().Be(("jti-1", "sid-1", "alice"));
    }

    [TestCase("logout+jwt")]
    [TestCase("application/logout+jwt")]
    [TestCase("LOGOUT+JWT")]
    public void The_header_type_logout_jwt_identifies_it(string headerType) =>
        Check(Payload(), headerType).Failed.Should().BeNull();

    [TestCase("JWT")]
    [TestCase(null)]
    public void Keycloak_payload_typ_Logout_identifies_it(string? headerType) =>
        Check(Payload("\"typ\":\"Logout\""), headerType).Failed.Should().BeNull();

    [TestCase("JWT")]
    [TestCase(null)]
    public void Without_either_type_marker_it_is_refused(string? headerType)
    {
        var claims = Check(Payload(), headerType);

        claims.Failed.Should().Be(LogoutTokenRule.TokenType);
        claims.Message.Should().Be("the token says neither header 'typ: logout+jwt' nor claim 'typ: Logout' (Keycloak): not recognisable as a logout token");
    }

    [TestCase("at+jwt")]
    [TestCase("secevent+jwt")]
    public void Another_kind_of_header_type_is_refused(string headerType) =>
        Check(Payload("\"typ\":\"Logout\""), headerType).Message.Should().Be($"the header 'typ' is '{headerType}': not a logout token (expected 'logout+jwt')");

    [TestCase("ID")]
    [TestCase("Bearer")]
    [TestCase("Refresh")]
    public void A_keycloak_token_of_another_kind_is_refused(string typ)
    {
        var claims = Check(Payload($"\"typ\":\"{typ}\""));

        claims.Failed.Should().Be(LogoutTokenRule.TokenType);
        claims.Message.Should().Be($"the token's 'typ' claim is '{typ}': not a logout token (Keycloak's logout tokens say 'Logout')");
    }

    [Test]
    public void A_nonce_is_refused()
    {
        var claims = Check(Payload("\"nonce\":\"n-0S6_WzA2Mj\""));

        claims.Failed.Should().Be(LogoutTokenRule.Nonce);
        claims.Message.Should().Be("the token carries a 'nonce': a logout token never does (this looks like an ID token)");
    }

    [Test]
    public void A_missing_events_member_is_refused() =>
        Check(Payload(events: false)).Message.Should().Be($"the token has no 'events' object; a logout token's 'events' holds '{Event}'");

    [TestCase("\"events\":[]")]
    [TestCase("\"events\":\"" + Event + "\"")]
    public void An_events_member_that_is_not_an_object_is_refused(string events) =>
        Check(Payload(events, events: false)).Failed.Should().Be(LogoutTokenRule.Events);

    [TestCase("{}")]
    [TestCase("{\"http://schemas.openid.net/event/backchannel-logou\":{}}")]
    [TestCase("{\"" + Event + "\":true}")]
    [TestCase("{\"" + Event + "\":\"\"}")]
    public void Events_without_the_backchannel_logout_event_object_are_refused(string events)
    {
        var claims = Check(Payload($"\"events\":{events}", events: false));

        claims.Failed.Should().Be(LogoutTokenRule.Events);
        claims.Message.Should().Be($"'events' does not hold '{Event}' with an object value");
    }

    [TestCase("")]
    [TestCase("\"jti\":\"\"")]
    [TestCase("\"jti\":42")]
    [TestCase("\"jti\":null")]
    public void A_missing_or_unusable_jti_is_refused(string jti)
    {
        var claims = Check(Payload(jti, jti: false));

        claims.Failed.Should().Be(LogoutTokenRule.TokenId);
        claims.Message.Should().Be("the token has no 'jti' (a non-empty string): a logout token must be identifiable so it is never accepted twice");
    }

    [Test]
    public void A_token_with_neither_sid_nor_sub_is_refused()
    {
        var claims = Check(Payload(sid: "", sub: ""));

        claims.Failed.Should().Be(LogoutTokenRule.SessionOrSubject);
        claims.Message.Should().Be("the token has neither 'sid' nor 'sub': it does not say which session to end");
    }

    [Test]
    public void A_sid_alone_is_enough() =>
        Check(Payload(sub: "")).Should().Be(new LogoutTokenClaims(null, null, "jti-1", "sid-1", null));

    [Test]
    public void A_sub_alone_is_enough() =>
        Check(Payload(sid: "")).Should().Be(new LogoutTokenClaims(null, null, "jti-1", null, "alice"));

    [TestCase("\"\"", "\"alice\"")]
    [TestCase("7", "\"alice\"")]
    [TestCase("\"sid-1\"", "\"\"")]
    [TestCase("\"sid-1\"", "[\"alice\"]")]
    public void An_empty_or_non_string_sid_or_sub_is_refused(string sid, string sub)
    {
        var claims = Check(Payload(sid: sid, sub: sub));

        claims.Failed.Should().Be(LogoutTokenRule.SessionOrSubject);
        claims.Message.Should().Be("'sid' and 'sub', when present, must be non-empty strings");
    }

    [Test]
    public void A_long_type_value_is_cut_in_the_message() =>
        Check(Payload(), new string('x', 100)).Message.Should().Be($"the header 'typ' is '{new string('x', 40)}…': not a logout token (expected 'logout+jwt')");
}
