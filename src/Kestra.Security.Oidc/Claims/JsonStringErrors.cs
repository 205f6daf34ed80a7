using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// System.Text.Json checks a string's contents only when it is read (<c>GetString</c>, <c>CopyString</c>): invalid UTF-8
/// bytes and unpaired surrogate escapes (<c>"\ud800"</c>) then throw <see cref="InvalidOperationException"/>, not
/// <see cref="JsonException"/>. Found by fuzzing (docs/reliability.md).
/// </summary>
internal static class JsonStringErrors
{
    public static bool IsInvalidString(InvalidOperationException ex) =>
        ex.InnerException is DecoderFallbackException || ex.TargetSite?.DeclaringType?.Assembly == typeof(JsonElement).Assembly;
}
