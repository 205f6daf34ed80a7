using System.Collections.ObjectModel;

namespace Kestra.Security.Oidc.Claims;

/// <summary>What a <see cref="ClaimPath"/> found in a payload. Immutable.</summary>
public sealed class ClaimPathResult
{
    internal ClaimPathResult(bool found, IReadOnlyList<string> values, IReadOnlyList<ClaimPathDiagnostic> diagnostics)
    {
        Found = found;
        Values = values;
        Diagnostics = diagnostics;
    }

    /// <summary>Nothing found and nothing to say. Shared; comparing with it by reference is fine.</summary>
    public static ClaimPathResult Empty { get; } = new(false, ReadOnlyCollection<string>.Empty, ReadOnlyCollection<ClaimPathDiagnostic>.Empty);

    /// <summary>
    /// <see langword="true"/> when the path reached a value, even one that yielded no strings (an empty array, a number).
    /// </summary>
    public bool Found { get; }

    /// <summary>The strings at the path, in payload order, each once (ordinal comparison).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// The array behind <see cref="Values"/> when this result made it for itself (an evaluation's fresh result, never a shared one):
    /// a caller that alone holds the result may reorder it in place instead of copying it (the role resolver sorts its groups so).
    /// </summary>
    internal string[]? OwnValues { get; init; }

    /// <summary>Why values are missing or were skipped; empty when everything was plain.</summary>
    public IReadOnlyList<ClaimPathDiagnostic> Diagnostics { get; }
}
