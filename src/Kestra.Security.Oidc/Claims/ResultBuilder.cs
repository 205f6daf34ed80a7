using System.Buffers;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// Collects values (ordered, ordinal de-duplication) and diagnostics (capped) during one evaluation. Values go into a
/// pooled buffer so a hit costs only the strings, one exact-size array and the result.
/// </summary>
internal struct ResultBuilder
{
    private const int MaxDiagnostics = 16;
    private const int LinearDedupLimit = 32;

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
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_values![i], value, StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (_count == LinearDedupLimit)
            {
                _seen = new HashSet<string>(_values!.AsSpan(0, _count).ToArray(), StringComparer.Ordinal) { value };
            }
        }

        if (_values is null || _count == _values.Length)
        {
            Grow();
        }

        _values![_count++] = value;
    }

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

        var array = _count == 0 ? null : _values.AsSpan(0, _count).ToArray();
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
        var next = ArrayPool<string>.Shared.Rent(_values is null ? 8 : _values.Length * 2);
        if (_values is not null)
        {
            _values.AsSpan(0, _count).CopyTo(next);
            ArrayPool<string>.Shared.Return(_values, clearArray: true);
        }

        _values = next;
    }
}
