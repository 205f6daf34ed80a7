// README's quick start for Kestra.Security.Oidc.AspNetCore, verbatim (PackageConsumerTests keeps them in sync).
// dotnet new web; dotnet add package Kestra.Security.Oidc.AspNetCore — no extra using needed
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKestraOidc("application.yml");           // Kestra's own YAML, as above
builder.Services.AddAuthentication()
    .AddKestraJwtBearer()                                    // APIs: Authorization: Bearer <access token>
    .AddKestraOpenIdConnect();                               // browsers: /oauth/login/keycloak → Keycloak → /oauth/callback/keycloak
builder.Services.AddAuthorization();

var app = builder.Build();
app.MapGet("/api/v1/flows/{namespace}", (string @namespace) => $"flows of {@namespace}")
   .RequireKestraPermission("FLOW", "READ", "namespace");   // 401 / 403 / 200, namespace inheritance included
app.MapGet("/api/v1/me", (HttpContext http) => http.GetKestraResolution()?.Groups).RequireAuthorization();
app.Run();
