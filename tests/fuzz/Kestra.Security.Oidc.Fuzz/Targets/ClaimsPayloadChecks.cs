using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>What every claim-path result must satisfy (SPEC §3): distinct values, no empty string, no null.</summary>
internal static class ClaimsPayloadChecks
{
    public static void CheckResult(ClaimPathResult result)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in result.Values)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new FuzzInvariantException("a claim path returned a null or empty value");
            }

            if (!seen.Add(value))
            {
                throw new FuzzInvariantException($"a claim path returned '{value}' twice");
            }
        }

        if (!result.Found && result.Values.Count > 0)
        {
            throw new FuzzInvariantException("a claim path returned values but says it found nothing");
        }
    }
}
