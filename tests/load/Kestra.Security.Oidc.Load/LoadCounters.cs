using System.Collections.Concurrent;

namespace Kestra.Security.Oidc.Load;

/// <summary>What the workers saw, counted without locks.</summary>
internal sealed class LoadCounters
{
    private readonly long[] _byKind = new long[Enum.GetValues<TokenKind>().Length];
    private long _validations;
    private long _wrong;
    private long _rotationRaces;

    public ConcurrentQueue<string> WrongSamples { get; } = new();

    public long Validations => Interlocked.Read(ref _validations);

    public long Wrong => Interlocked.Read(ref _wrong);

    /// <summary>Valid tokens refused as unknown key because their key was newer than the last refetch allowed by the cooldown.</summary>
    public long RotationRaces => Interlocked.Read(ref _rotationRaces);

    public long Of(TokenKind kind) => Interlocked.Read(ref _byKind[(int)kind]);

    public void Count(TokenKind kind)
    {
        Interlocked.Increment(ref _validations);
        Interlocked.Increment(ref _byKind[(int)kind]);
    }

    public void RotationRace() => Interlocked.Increment(ref _rotationRaces);

    public void WrongAnswer(string what)
    {
        if (Interlocked.Increment(ref _wrong) <= 10)
        {
            WrongSamples.Enqueue(what);
        }
    }
}
