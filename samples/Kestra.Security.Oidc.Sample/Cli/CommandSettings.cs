namespace Kestra.Security.Oidc.Sample.Cli;

/// <summary>
/// A command's options: declared once on the command, bound from the parse result, then validated before the
/// command runs. No reflection: each option names the property it sets (Native AOT, SPEC §10).
/// </summary>
internal abstract class CommandSettings
{
    /// <summary>Declares the options; each one's parsed value is bound onto this instance before the command runs.</summary>
    public virtual void Declare(OptionSet options)
    {
    }

    /// <summary>The first problem with the bound values (printed as <c>kestra-oidc: MESSAGE</c>, exit 2), or <see langword="null"/>.</summary>
    public virtual string? Validate() => null;
}
