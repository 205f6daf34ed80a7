using Kestra.Security.Oidc.ApiSample;

// Kestra-like API routes on ASP.NET Core's JwtBearer handler, tokens checked by Kestra.Security.Oidc (SPEC §8):
//   dotnet run --project samples/Kestra.Security.Oidc.ApiSample -- --config application.yml --urls http://127.0.0.1:8081
// Listens on loopback only. Call it with `Authorization: Bearer <access token>`.
var builder = WebApplication.CreateBuilder(args);
var settings = ApiSettings.From(builder.Configuration);
builder.WebHost.UseUrls(settings.Url.AbsoluteUri.TrimEnd('/'));

// ASP.NET Core's request logs would print URLs; the package logs its own decisions (never a token).
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

builder.Services.AddKestraOidc(settings.ConfigPath);
builder.Services.AddKestraSharedState();   // back-channel logout revocations: Redis when the YAML names one, else in memory
builder.Services.AddAuthentication().AddKestraJwtBearer();
builder.Services.AddAuthorization();
if (settings.ExitOnStdinClose)
{
    builder.Services.AddHostedService<StdinWatcher>();
}

var app = builder.Build();
app.MapKestraApi();
app.MapKestraBackchannelLogout();   // POST /oauth/backchannel-logout/{client}: a logout at the provider refuses that session's tokens
app.Lifetime.ApplicationStarted.Register(() => Console.Out.WriteLine($"READY {settings.Url.AbsoluteUri.TrimEnd('/')}"));
app.Run();
