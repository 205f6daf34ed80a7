using System.Buffers;
using System.Buffers.Binary;
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
    private const int ExactLength = 7;
    private const int RetainedBytes = 16 * 1024;

    [ThreadStatic]
    private static MemberNameSet? s_cached;

    private byte[] _bytes = new byte[1024];
    private int[] _offsets = new int[128];
    private ulong[] _keys = new ulong[128];
    private int[] _frames = new int[16];

    /// <summary>Per open object, one bit per hashed name added (64 bits): a name whose bit is clear cannot be a duplicate, so most names are compared with nothing.</summary>
    private ulong[] _masks = new ulong[16];
    private HashSet<string>?[] _sets = new HashSet<string>?[16];
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
        set._used = set._count = set._depth = 0;
        Array.Clear(set._sets);
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
            Array.Resize(ref _masks, _depth * 2);
            Array.Resize(ref _sets, _depth * 2);
        }

        _masks[_depth] = 0;
        _frames[_depth++] = _count;
    }

    /// <summary>Closes the innermost object.</summary>
    public void Pop()
    {
        _count = _frames[--_depth];
        _used = _count == 0 ? 0 : _offsets[_count];
        _sets[_depth] = null;
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
        var frame = _depth - 1;
        var start = _frames[frame];
        if (_sets[frame] is { } many)
        {
            return many.Add(Encoding.UTF8.GetString(name));
        }

        var key = Key(name);
        var exact = name.Length <= ExactLength;
        var bit = 1UL << (int)((key * 0x9E3779B97F4A7C15UL) >> 58);
        if ((_masks[frame] & bit) != 0)
        {
            for (var i = start; i < _count; i++)
            {
                if (_keys[i] == key && (exact || _bytes.AsSpan(_offsets[i], _offsets[i + 1] - _offsets[i]).SequenceEqual(name)))
                {
                    return false;
                }
            }
        }

        if (_count - start >= LinearLimit)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = start; i < _count; i++)
            {
                set.Add(NameAt(i));
            }

            _sets[frame] = set;
            return set.Add(Encoding.UTF8.GetString(name));
        }

        _masks[frame] |= bit;
        Append(exact ? default : name, key);
        return true;
    }

    /// <summary>
    /// The name's key: a name of up to <see cref="ExactLength"/> bytes is the key itself (its bytes and its length), so equal keys
    /// are equal names and nothing is stored or compared byte by byte; a longer name's key is its length and first and last bytes,
    /// and equal keys are then compared byte by byte.
    /// </summary>
    private static ulong Key(ReadOnlySpan<byte> name)
    {
        ulong packed;
        switch (name.Length)
        {
            case 0: packed = 0; break;
            case 1: packed = name[0]; break;
            case 2: packed = BinaryPrimitives.ReadUInt16LittleEndian(name); break;
            case 3: packed = BinaryPrimitives.ReadUInt16LittleEndian(name) | ((ulong)name[2] << 16); break;
            case 4: packed = BinaryPrimitives.ReadUInt32LittleEndian(name); break;
            case 5: packed = BinaryPrimitives.ReadUInt32LittleEndian(name) | ((ulong)name[4] << 32); break;
            case 6: packed = BinaryPrimitives.ReadUInt32LittleEndian(name) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(name[4..]) << 32); break;
            case 7: packed = BinaryPrimitives.ReadUInt32LittleEndian(name) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(name[4..]) << 32) | ((ulong)name[6] << 48); break;
            default:
                return ((ulong)Math.Min(name.Length, 255) << 56) | ((ulong)name[^1] << 48) | ((ulong)name[^2] << 40) | ((ulong)name[^3] << 32)
                    | BinaryPrimitives.ReadUInt32LittleEndian(name);
        }

        return ((ulong)name.Length << 56) | packed;
    }

    /// <summary>The name at <paramref name="index"/>, for the hash set of a large object.</summary>
    private string NameAt(int index)
    {
        var key = _keys[index];
        var length = (int)(key >> 56);
        if (length > ExactLength)
        {
            return Encoding.UTF8.GetString(_bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]));
        }

        Span<byte> bytes = stackalloc byte[ExactLength];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(key >> (8 * i));
        }

        return Encoding.UTF8.GetString(bytes[..length]);
    }

    private void Append(ReadOnlySpan<byte> name, ulong key)
    {
        if (_used + name.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + name.Length));
        }

        if (_count + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
            Array.Resize(ref _keys, _offsets.Length);
        }

        _keys[_count] = key;
        _offsets[_count] = _used;
        name.CopyTo(_bytes.AsSpan(_used));
        _used += name.Length;
        _offsets[++_count] = _used;
    }
}
