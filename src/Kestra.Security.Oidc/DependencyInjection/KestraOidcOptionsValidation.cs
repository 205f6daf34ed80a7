using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.DependencyInjection;

/// <summary>Validates <see cref="KestraOidcOptions"/> at start (and on reload), reporting every error with its key.</summary>
internal sealed class KestraOidcOptionsValidation : IValidateOptions<KestraOidcOptions>
{
    public ValidateOptionsResult Validate(string? name, KestraOidcOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var diagnostic in KestraOidcOptionsValidator.Validate(options))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                builder.AddError($"{diagnostic.Code}: {diagnostic.Message}", diagnostic.Key);
            }
        }

        return builder.Build();
    }
}
