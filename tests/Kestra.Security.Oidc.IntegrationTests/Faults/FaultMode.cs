namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>How <c>tests/fault-server/server.mjs</c> answers a document (see the comment at the top of that file).</summary>
public enum FaultMode
{
    Ok,
    Hang,
    Slow,
    SlowBody,
    Reset,
    Endless,
    Html,
    WrongJson,
    ServerError,
    Flap,
    Redirect,
    Huge,
    Rotating,
}
