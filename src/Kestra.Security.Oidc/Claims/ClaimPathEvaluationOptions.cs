using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Claims;

/// <summary>How <see cref="ClaimPath"/> reads the value it reaches. Immutable; share one instance.</summary>
public sealed class ClaimPathEvaluationOptions
{
    /// <summary>The largest <see cref="MaxDepth"/> accepted.</summary>
    public const int MaxDepthLimit = 256;

    private readonly string? _delimiter;
    private readonly int _maxDepth = 64;

    /// <summary>The defaults: no delimiter, leaf strings not parsed as JSON, <see cref="MaxDepth"/> 64.</summary>
    public static ClaimPathEvaluationOptions Default { get; } = new();

    /// <summary>
    /// When set, a single string leaf is split on this text (e.g. <c>","</c> or <c>" "</c>); parts are trimmed and empty
    /// parts dropped. When <see langword="null"/> (the default) a string is one value, never split.
    /// </summary>
    /// <exception cref="ArgumentException">The delimiter is empty.</exception>
    public string? Delimiter
    {
        get => _delimiter;
        init
        {
            if (value is { Length: 0 })
            {
                throw new ArgumentException($"{ClaimPathErrorCodes.EmptyDelimiter}: the delimiter must not be empty; use null for no splitting.", nameof(value));
            }

            _delimiter = value;
        }
    }

    /// <summary>
    /// When <see langword="true"/>, a string leaf that holds a JSON array (<c>"[\"a\",\"b\"]"</c>) yields the
    /// array's strings. Off by default: a leaf string is never parsed unless asked. (Strings the path continues
    /// <em>into</em> are always parsed when they hold a JSON object or array.)
    /// </summary>
    public bool ParseJsonStringLeaf { get; init; }

    /// <summary>
    /// When <see langword="true"/>, the whole payload is read and checked: malformed JSON anywhere is a
    /// <see cref="ClaimsPayloadException"/>, and a key that occurs twice on the path is reported
    /// (<see cref="ClaimPathDiagnosticCodes.DuplicateKey"/>). Off by default: reading stops once the path is resolved,
    /// and values skipped on the way are checked for structure only (strings closed, brackets balanced, nesting within
    /// <see cref="MaxDepth"/>), not for full JSON grammar; the value at the path is always read strictly. A validated
    /// ID token is well formed by construction; turn this on for payloads from files or other unchecked sources.
    /// </summary>
    public bool ValidateWholePayload { get; init; }

    /// <summary>The deepest nesting accepted in the payload (and in JSON held in strings); default 64, at most <see cref="MaxDepthLimit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="MaxDepthLimit"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDepthLimit);
            _maxDepth = value;
        }
    }
}
