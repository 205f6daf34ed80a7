using Kestra.Security.Oidc.WebSample.Hosting;
using Kestra.Security.Oidc.WebSample.Pages;

// Kestra's SSO routes on ASP.NET Core's own OpenIdConnect and Cookie handlers (Kestra.Security.Oidc.AspNetCore),
// configured only from Kestra's YAML:
//   dotnet run --project samples/Kestra.Security.Oidc.WebSample -- --config application.yml
// Listens on 127.0.0.1 at the port of kestra.url. See docs/web-sample.md.
var builder = WebApplication.CreateBuilder(args);
var settings = SampleSettings.From(builder.Configuration);

// ASP.NET Core's own request and result logs would print the authorization code and the end-session URL (which carries
// the ID token as id_token_hint): keep them to warnings, as the web template does. The package logs sign-ins itself.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

builder.Services.AddKestraOidc(settings.ConfigPath);
builder.Services.AddKestraSharedState();   // back-channel logout revocations: Redis when the YAML names one, else in memory
builder.Services.AddWebSample(settings);

var app = builder.Build();
app.UseSecurityHeaders();
app.UseAuthentication();   // also serves /oauth/login/{provider}, /oauth/callback/{provider}, /oauth/logout and /logout
app.UseAuthorization();
app.MapPages();
app.MapKestraBackchannelLogout();   // POST /oauth/backchannel-logout/{client}: a logout at the provider ends the session here
app.AnnounceWhenReady();
app.Run();
