using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.DependencyInjection;

/// <summary>Source-generated log messages of the host integration (event ids 1000-1099). Never a token or secret.</summary>
internal static partial class KestraOidcLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Kestra SSO configuration error: {Diagnostic}")]
    public static partial void ConfigurationError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Kestra SSO configuration warning: {Diagnostic}")]
    public static partial void ConfigurationWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "The edited Kestra SSO configuration {Path} has {ErrorCount} error(s); the last good configuration stays in use")]
    public static partial void ReloadRejected(ILogger logger, string path, int errorCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Reloaded the Kestra SSO configuration from {Path}")]
    public static partial void Reloaded(ILogger logger, string path);
}
