using System.Text;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>Micronaut's key normalisation: camelCase, kebab-case and snake_case are one key (<c>clientId</c> = <c>client-id</c>).</summary>
internal static class KeyNormalizer
{
    /// <summary>Returns the kebab-case, lower-case form of one key segment.</summary>
    public static string Normalize(string segment)
    {
        var builder = new StringBuilder(segment.Length + 4);
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '_')
            {
                builder.Append('-');
            }
            else if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(segment[i - 1]) || char.IsDigit(segment[i - 1])))
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Normalises a dotted property name such as <c>kestra.security.defaultRole</c>.</summary>
    public static string NormalizePath(string dotted) =>
        string.Join('.', dotted.Split('.').Select(Normalize));

    /// <summary>
    /// Kestra permission and action names: case-insensitive, <c>-</c> ≡ <c>_</c>, canonical form upper snake case.
    /// </summary>
    public static string ToEnumName(string text) =>
        text.Trim().Replace('-', '_').ToUpperInvariant();
}
