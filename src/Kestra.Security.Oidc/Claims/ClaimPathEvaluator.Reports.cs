using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>Diagnostics for a path that cannot go on: a missing member or a value of the wrong shape.</summary>
internal partial struct ClaimPathEvaluator
{
    private const int MaxNameLength = 256;

    /// <summary>No member named by segment <paramref name="seg"/>; suggests a member differing only in case.</summary>
    private void ReportMissing(ref Utf8JsonReader objectStart, int seg, bool root)
    {
        var near = NearMiss(ref objectStart, _segments[seg].Name);
        if (near is null && root && _result.IsClean)
        {
            _result.UseCached(_path.RootMissing);
            return;
        }

        _result.Report(ClaimPathDiagnosticCodes.NotFound, ClaimPathMessages.Missing(_path, seg, near));
    }

    private void ReportWrongShape(ref Utf8JsonReader reader, int seg)
    {
        _result.Report(ClaimPathDiagnosticCodes.WrongShape, ClaimPathMessages.WrongShape(_path, seg, reader.TokenType));
    }

    /// <summary>The name of a member equal to <paramref name="wanted"/> ignoring case, without allocating unless found.</summary>
    private static string? NearMiss(ref Utf8JsonReader reader, string wanted)
    {
        if (wanted.Length > MaxNameLength)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxNameLength];
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return null;
            }

            var length = reader.HasValueSequence ? MaxNameLength + 1 : reader.ValueSpan.Length;
            if (length <= MaxNameLength)
            {
                var chars = buffer[..reader.CopyString(buffer)];
                if (chars.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return chars.ToString();
                }
            }

            reader.Skip();
        }
    }
}
