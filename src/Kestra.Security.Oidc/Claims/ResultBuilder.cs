using System.Buffers;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// Collects values (ordered, ordinal de-duplication) and diagnostics (capped) during one evaluation. The first few values are
/// kept in the builder itself, more in a pooled buffer, so a hit costs only the strings, one exact-size array and the result.
/// </summary>
internal struct ResultBuilder
{
    private const int MaxDiagnostics = 16;
    private const int LinearDedupLimit = 32;

    /// <summary>A user's groups in one token are usually this few: they need no buffer from the pool (issue 15).</summary>
    private const int InlineValues = 4;

    private InlineStrings _inline;
    private string[]? _values;
    private int _count;
    private HashSet<string>? _seen;
    private List<ClaimPathDiagnostic>? _diagnostics;
    private int _dropped;
    private bool _found;
    private ClaimPathResult? _cached;

    public readonly bool IsClean => _count == 0 && _diagnostics is null && !_found;

    public void MarkFound() => _found = true;

    /// <summary>Ends the evaluation with a prepared result (a miss that is the same for every payload).</summary>
    public void UseCached(ClaimPathResult result) => _cached = result;

    public void Add(string value)
    {
        if (_seen is not null)
        {
            if (!_seen.Add(value))
            {
                return;
            }
        }
        else
        {
            var values = Values;
            for (var i = 0; i < values.Length; i++)
            {
                if (string.Equals(values[i], value, StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (_count == LinearDedupLimit)
            {
                _seen = new HashSet<string>(values.ToArray(), StringComparer.Ordinal) { value };
            }
        }

        if (_count < InlineValues)
        {
            _inline[_count++] = value;
            return;
        }

        if (_values is null || _count == _values.Length)
        {
            Grow();
        }

        _values![_count++] = value;
    }

    /// <summary>The values so far: in the builder while they fit, then in the pooled buffer.</summary>
    [UnscopedRef]
    private readonly ReadOnlySpan<string> Values =>
        _values is null ? ((ReadOnlySpan<string>)_inline)[.._count] : _values.AsSpan(0, _count);

    public void Report(string code, string message)
    {
        _diagnostics ??= [];
        if (_diagnostics.Count < MaxDiagnostics)
        {
            _diagnostics.Add(new ClaimPathDiagnostic(code, message));
        }
        else
        {
            _dropped++;
        }
    }

    public readonly ClaimPathResult Build(ClaimPath path)
    {
        if (_cached is not null && _count == 0 && _diagnostics is null)
        {
            return _cached;
        }

        if (!_found && _count == 0 && _diagnostics is null)
        {
            return ClaimPathResult.Empty;
        }

        var array = _count == 0 ? null : Values.ToArray();
        IReadOnlyList<string> values = array is null ? ReadOnlyCollection<string>.Empty : new ReadOnlyCollection<string>(array);
        IReadOnlyList<ClaimPathDiagnostic> diagnostics = ReadOnlyCollection<ClaimPathDiagnostic>.Empty;
        if (_diagnostics is not null)
        {
            var all = _diagnostics.ToList();
            if (_dropped > 0)
            {
                all.Add(new ClaimPathDiagnostic(
                    ClaimPathDiagnosticCodes.Truncated,
                    string.Create(CultureInfo.InvariantCulture, $"{_dropped} more diagnostics for `{path}` were dropped")));
            }

            diagnostics = all.AsReadOnly();
        }

        return new ClaimPathResult(_found || _count > 0, values, diagnostics) { OwnValues = array };
    }

    public void Release()
    {
        if (_values is not null)
        {
            ArrayPool<string>.Shared.Return(_values, clearArray: true);
            _values = null;
        }
    }

    private void Grow()
    {
        var next = ArrayPool<string>.Shared.Rent(_values is null ? InlineValues * 2 : _values.Length * 2);
        Values.CopyTo(next);
        if (_values is not null)
        {
            ArrayPool<string>.Shared.Return(_values, clearArray: true);
        }

        _values = next;
    }

    [InlineArray(InlineValues)]
    private struct InlineStrings
    {
        private string _first;
    }
}
