using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// The member names of every open JSON object while a header or payload is read, so that a duplicate is found at any depth
/// (SPEC §5.1): the library's checks, the role resolver and <see cref="IdTokenValidationResult.Payload"/> can never see
/// different values for one name. Names are compared unescaped (<c>"\u0069ss"</c> is <c>iss</c>). One instance per thread,
/// reused: no allocation per token while objects hold few members; a hash set per object beyond that, so no quadratic time.
/// </summary>
internal sealed class MemberNameSet
{
    private const int LinearLimit = 32;

    /// <summary>Names up to this many bytes are their own key (<see cref="Key"/>).</summary>
    private const int ExactLength = 8;
    private const int RetainedBytes = 16 * 1024;

    [ThreadStatic]
    private static MemberNameSet? s_cached;

    private byte[] _bytes = new byte[1024];
    private Entry[] _entries = new Entry[128];
    private Frame[] _frames = new Frame[16];
    private int _used;
    private int _count;
    private int _depth;

    /// <summary>A cleared set for this thread; give it back with <see cref="Return"/>.</summary>
    public static MemberNameSet Rent()
    {
        var set = s_cached ?? new MemberNameSet();
        s_cached = null;
        return set;
    }

    public static void Return(MemberNameSet set)
    {
        // Only a frame that grew a hash set holds a reference; the rest is overwritten by the next Push.
        for (var i = 0; i < set._depth; i++)
        {
            set._frames[i].Set = null;
        }

        set._used = set._count = set._depth = 0;
        if (set._bytes.Length <= RetainedBytes)
        {
            s_cached = set;
        }
    }

    /// <summary>Opens an object: the names that follow belong to it.</summary>
    public void Push()
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _depth * 2);
        }

        _frames[_depth++] = new Frame { Start = _count, Used = _used };
    }

    /// <summary>Closes the innermost object.</summary>
    public void Pop()
    {
        ref var frame = ref _frames[--_depth];
        _count = frame.Start;
        _used = frame.Used;
        frame.Set = null;
    }

    /// <summary>Adds the name the reader is on to the innermost object; <see langword="false"/> when it is already there.</summary>
    public bool Add(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Add(reader.ValueSpan);
        }

        var scratch = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(scratch);
            return Add(scratch.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Reads past the value the reader is on, adding the names of every object inside it; <see langword="false"/> at a duplicate.</summary>
    public bool SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var depth = reader.CurrentDepth;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            Push();
        }

        while (reader.Read() && reader.CurrentDepth > depth)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when !Add(ref reader):
                    return false;
                case JsonTokenType.StartObject:
                    Push();
                    break;
                case JsonTokenType.EndObject:
                    Pop();
                    break;
            }
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            Pop();
        }

        return true;
    }

    private bool Add(ReadOnlySpan<byte> name)
    {
        ref var frame = ref _frames[_depth - 1];
        if (frame.Set is { } many)
        {
            return many.Add(Encoding.UTF8.GetString(name));
        }

        var key = Key(name);
        var length = name.Length;
        var bit = 1UL << (int)(((key + (ulong)length) * 0x9E3779B97F4A7C15UL) >> 58);
        if ((frame.Mask & bit) != 0 && Contains(frame.Start, name, key))
        {
            return false;
        }

        if (_count - frame.Start >= LinearLimit)
        {
            return AddToNewSet(ref frame, name);
        }

        frame.Mask |= bit;
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        ref var entry = ref _entries[_count++];
        entry.Key = key;
        entry.Length = length;
        if (length > ExactLength)
        {
            entry.Offset = Store(name);
        }

        return true;
    }

    private bool Contains(int start, ReadOnlySpan<byte> name, ulong key)
    {
        for (var i = start; i < _count; i++)
        {
            ref readonly var entry = ref _entries[i];
            if (entry.Key == key && entry.Length == name.Length && (name.Length <= ExactLength || _bytes.AsSpan(entry.Offset, entry.Length).SequenceEqual(name)))
            {
                return true;
            }
        }

        return false;
    }

    private bool AddToNewSet(ref Frame frame, ReadOnlySpan<byte> name)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = frame.Start; i < _count; i++)
        {
            set.Add(NameAt(i));
        }

        frame.Set = set;
        return set.Add(Encoding.UTF8.GetString(name));
    }

    /// <summary>
    /// The name's key: the bytes of a name of up to <see cref="ExactLength"/> bytes, so that equal keys and lengths are equal names
    /// and nothing is stored or compared byte by byte; a longer name's first and last eight bytes mixed, and equal keys are then
    /// compared byte by byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(ReadOnlySpan<byte> name)
    {
        var length = name.Length;
        if (length >= 4)
        {
            if (length > ExactLength)
            {
                return BinaryPrimitives.ReadUInt64LittleEndian(name) ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]), 29);
            }

            // The first four bytes and the last four, each at its own place: where they overlap, both hold the same bytes.
            return BinaryPrimitives.ReadUInt32LittleEndian(name) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(name[(length - 4)..]) << (8 * (length - 4)));
        }

        // One to three bytes: the first, the middle and the last (with the length, a different triple is a different name).
        return length == 0 ? 0 : name[0] | ((ulong)name[length >> 1] << 8) | ((ulong)name[length - 1] << 16);
    }

    /// <summary>The name at <paramref name="index"/>, for the hash set of a large object.</summary>
    private string NameAt(int index)
    {
        var entry = _entries[index];
        if (entry.Length > ExactLength)
        {
            return Encoding.UTF8.GetString(_bytes.AsSpan(entry.Offset, entry.Length));
        }

        Span<byte> bytes = stackalloc byte[ExactLength];
        if (entry.Length >= 4)
        {
            for (var i = 0; i < entry.Length; i++)
            {
                bytes[i] = (byte)(entry.Key >> (8 * i));
            }
        }
        else if (entry.Length > 0)
        {
            bytes[0] = (byte)entry.Key;
            bytes[entry.Length >> 1] = (byte)(entry.Key >> 8);
            bytes[entry.Length - 1] = (byte)(entry.Key >> 16);
        }

        return Encoding.UTF8.GetString(bytes[..entry.Length]);
    }

    private int Store(ReadOnlySpan<byte> name)
    {
        if (_used + name.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + name.Length));
        }

        var offset = _used;
        name.CopyTo(_bytes.AsSpan(offset));
        _used += name.Length;
        return offset;
    }

    /// <summary>One open object: where its names begin, the bytes stored before it, its 64-bit filter of names, and its hash set once it is large.</summary>
    private struct Frame
    {
        public int Start;
        public int Used;

        /// <summary>One bit per hashed name added: a name whose bit is clear cannot be a duplicate, so most names are compared with nothing.</summary>
        public ulong Mask;
        public HashSet<string>? Set;
    }

    /// <summary>One name: its key and length, and where its bytes are stored when it is longer than <see cref="ExactLength"/>.</summary>
    private struct Entry
    {
        public ulong Key;
        public int Length;
        public int Offset;
    }
}
