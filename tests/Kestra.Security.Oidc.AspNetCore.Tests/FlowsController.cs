using Microsoft.AspNetCore.Mvc;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

/// <summary>A controller guarded by [KestraAuthorize], for <see cref="AuthorizationTests"/>.</summary>
[ApiController]
[Route("controller")]
public sealed class FlowsController : ControllerBase
{
    [HttpGet("flows/{namespace}")]
    [KestraAuthorize("FLOW", "READ", NamespaceRouteValue = "namespace")]
    public string Flows(string @namespace) => "flows of " + @namespace;

    [HttpGet("executions")]
    [KestraAuthorize("EXECUTION", "DELETE")]
    public string Executions() => "executions";
}
