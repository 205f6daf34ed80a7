namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// One fuzz target: feeds bytes to the library and throws only when the library misbehaves
/// (an unexpected exception escapes, or an invariant such as "a secret never appears in a message" breaks).
/// Expected, documented failures are caught inside <see cref="Run"/>.
/// </summary>
/// <remarks>Shared with the unit tests, which replay every saved crash through the same target.</remarks>
internal interface IFuzzTarget
{
    /// <summary>The name on the command line and the corpus folder: <c>yaml</c>, <c>claim-path</c>, …</summary>
    string Name { get; }

    /// <summary>Runs one input.</summary>
    void Run(ReadOnlySpan<byte> data);
}
