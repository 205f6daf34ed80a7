namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>How a command prints its data.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
