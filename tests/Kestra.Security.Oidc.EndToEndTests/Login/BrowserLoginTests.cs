using Kestra.Security.Oidc.EndToEndTests.Browser;
using Kestra.Security.Oidc.EndToEndTests.Infrastructure;
using NUnit.Framework.Interfaces;
using OpenQA.Selenium;

namespace Kestra.Security.Oidc.EndToEndTests.Login;

/// <summary>
/// A person in headless Chromium logs in to the web sample through the test provider's login page, reads <c>/me</c>, and logs
/// out through the provider, as Kestra's Keycloak guide sets it up.
/// </summary>
[Category("E2E")]
public sealed class BrowserLoginTests
{
    private HeadlessChromium? _browser;

    private static KestraSite Site => SharedSite.Site;

    private HeadlessChromium Browser => _browser!;

    [SetUp]
    public void StartBrowser() => _browser = HeadlessChromium.Start();

    [TearDown]
    public void StopBrowser()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            if (_browser is not null)
            {
                TestContext.Out.WriteLine($"Browser at {_browser.Url}:{Environment.NewLine}{_browser.Driver.PageSource}");
                Screenshot("failure");
            }

            TestContext.Out.WriteLine($"Web sample output:{Environment.NewLine}{Site.Sample.Output}");
        }

        _browser?.Dispose();
        _browser = null;
    }

    [Test]
    public async Task Alice_logs_in_and_me_shows_her_Keycloak_client_roles_as_groups_then_logs_out_through_the_provider()
    {
        Browser.GoTo(Site.At("/me"));
        SignInAtProvider("alice", "alice");

        Browser.WaitForElement(Site.Url, By.Id("groups"), "/me after login").Should().NotBeNull();
        Browser.Url.AbsolutePath.Should().Be("/me");
        Text("user").Should().Be("alice");
        Text("client").Should().Be(KestraYaml.ClientName);
        Text("source").Should().Be("groups");
        Browser.Texts(By.CssSelector("#groups .group")).Should().Equal("Admins", "Developers");
        Actions("FLOW").Should().Be("CREATE DELETE READ UPDATE");
        Actions("NAMESPACE").Should().Be("READ");
        Browser.Texts(By.CssSelector("#trace tr")).Should().Contain("FLOW READ Admin group 'Admins' all");
        Browser.Cookie(".Kestra.Session").Should().NotBeNull();
        (await Site.Sample.WaitForOutputAsync("Signed in alice through keycloak (callback GET, roles from groups)"))
            .Should().BeTrue("the provider redirects back with the code in the query by default");
        Screenshot("alice-me");

        LogOutThroughProviderAndExpectNoSession();
    }

    [Test]
    public async Task Bob_without_kestra_roles_gets_the_default_Editor_role_through_a_form_post_callback()
    {
        Browser.GoTo(Site.At($"/oauth/login/{KestraYaml.ClientName}?returnUrl=%2Fme&response_mode=form_post"));
        SignInAtProvider("bob", "bob");

        Browser.WaitForElement(Site.Url, By.Id("groups"), "/me after login").Should().NotBeNull();
        Text("user").Should().Be("bob");
        Text("source").Should().Be("default-role");
        Text("groups").Should().Be("none");
        Browser.Texts(By.CssSelector("#permissions tr.permission td:first-child")).Should().Equal("EXECUTION", "FLOW");
        Actions("FLOW").Should().Be("CREATE DELETE READ UPDATE");
        Actions("EXECUTION").Should().Be("CREATE DELETE READ UPDATE");
        Browser.Texts(By.CssSelector("#roles li")).Should().Equal("Editor (Crud) from default role");
        Browser.Texts(By.CssSelector("#trace tr")).Should().Contain("EXECUTION DELETE Editor default role all");
        (await Site.Sample.WaitForOutputAsync("Signed in bob through keycloak (callback POST, roles from default-role)"))
            .Should().BeTrue("response_mode=form_post makes the provider POST the callback");
        Screenshot("bob-me");

        LogOutThroughProviderAndExpectNoSession();
    }

    [Test]
    public async Task Alice_logs_out_at_the_provider_itself_and_the_back_channel_logout_ends_her_web_sample_session()
    {
        Browser.GoTo(Site.At("/me"));
        SignInAtProvider("alice", "alice");
        Browser.WaitForElement(Site.Url, By.Id("groups"), "/me after login").Should().NotBeNull();
        Text("user").Should().Be("alice");

        // Not through the sample: straight to the provider's end-session endpoint (no id_token_hint: it asks first).
        Browser.GoTo(new Uri(Site.Provider.Issuer.AbsoluteUri.TrimEnd('/') + "/protocol/openid-connect/logout"));
        Browser.WaitForElement(Site.Provider.BaseAddress, By.Id("kc-logout"), "the provider's logout confirmation").Click();
        Browser.WaitForElement(Site.Provider.BaseAddress, By.Id("kc-logged-out"), "the provider's logged-out page").Should().NotBeNull();
        (await Site.Sample.WaitForOutputAsync($"Back-channel logout through client '{KestraYaml.ClientName}': ended"))
            .Should().BeTrue($"the provider calls the sample's back-channel logout endpoint; its log:{Environment.NewLine}{Site.Provider.StandardError}");
        Browser.Cookie(".Kestra.Session").Should().NotBeNull("the provider cannot touch the sample's cookie: only the revocation can end the session");

        // Her next request carries the cookie; the sample refuses the revoked session and removes the cookie.
        Browser.GoTo(Site.At("/"));
        Text("status").Should().StartWith("Anonymous");
        Browser.Cookie(".Kestra.Session").Should().BeNull();
        Browser.GoTo(Site.At("/me"));
        Browser.WaitForElement(Site.Provider.BaseAddress, By.Id("kc-form-login"), "the provider's login form after logout")
            .Should().NotBeNull();
    }

    [Test]
    public void A_wrong_password_stays_on_the_provider_and_opens_no_session()
    {
        Browser.GoTo(Site.At("/me"));
        SignInAtProvider("alice", "not-alice");

        Browser.WaitForElement(Site.Provider.BaseAddress, By.Id("input-error"), "the provider's error").Text
            .Should().Be("Invalid username or password.");
        Browser.GoTo(Site.At("/"));
        Text("status").Should().StartWith("Anonymous");
        Browser.Cookie(".Kestra.Session").Should().BeNull();
    }

    private void SignInAtProvider(string user, string password)
    {
        var form = Browser.WaitForElement(Site.Provider.BaseAddress, By.Id("kc-form-login"), "the provider's login form");
        form.FindElement(By.Id("login")).SendKeys(user);
        form.FindElement(By.Id("password")).SendKeys(password);
        form.FindElement(By.Id("kc-login")).Click();
    }

    private void LogOutThroughProviderAndExpectNoSession()
    {
        // /oauth/logout → the provider's end-session endpoint (id_token_hint: its confirmation submits itself)
        // → post_logout_redirect_uri {kestra.url}/logout (GET, get-allowed: true) → home.
        Browser.Find(By.Id("sso-logout")).Click();
        Browser.WaitFor(d => d.Url == Site.Url.AbsoluteUri && d.FindElement(By.Id("status")).Text.StartsWith("Anonymous", StringComparison.Ordinal),
            "the home page after logging out through the provider");
        Browser.Cookie(".Kestra.Session").Should().BeNull();

        // Both sessions are gone: /me sends the browser to login, and the provider asks for a password again.
        Browser.GoTo(Site.At("/me"));
        Browser.WaitForElement(Site.Provider.BaseAddress, By.Id("kc-form-login"), "the provider's login form after logout")
            .Should().NotBeNull();
    }

    private string Text(string id) => Browser.Find(By.Id(id)).Text.Trim();

    private string Actions(string permission) =>
        Browser.Find(By.CssSelector($"#permissions tr[data-permission='{permission}'] td.actions")).Text.Trim();

    private void Screenshot(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", $"{name}.png");
        Browser.SaveScreenshot(path);
        TestContext.AddTestAttachment(path, $"{name}: {Browser.Url}");
        TestContext.Out.WriteLine($"Screenshot: {path}");
    }
}
