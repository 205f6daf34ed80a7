using System.Globalization;

namespace Kestra.Security.Oidc.Load;

/// <summary>
/// <c>kestra-oidc-load [--seconds 30] [--workers 64] [--rotate-every 3] [--cooldown 1] [--refresh 10] [--no-unknown-kids]</c>: how long and how hard.
/// </summary>
internal sealed record LoadSettings(TimeSpan Duration, int Workers, TimeSpan RotateEvery, TimeSpan Cooldown, TimeSpan Refresh, bool UnknownKids)
{
    public static LoadSettings Parse(string[] args)
    {
        double Seconds(string name, double fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new LoadSettings(
            TimeSpan.FromSeconds(Math.Clamp(Seconds("--seconds", 30), 1, 600)),
            (int)Math.Clamp(Seconds("--workers", 64), 1, 4096),
            TimeSpan.FromSeconds(Seconds("--rotate-every", 3)),
            TimeSpan.FromSeconds(Seconds("--cooldown", 1)),
            TimeSpan.FromSeconds(Seconds("--refresh", 10)),
            !args.Contains("--no-unknown-kids"));
    }
}
