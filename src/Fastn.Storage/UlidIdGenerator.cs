using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Fastn.Storage;

/// <summary>
/// ULID ids (48-bit Unix milliseconds + 80 random bits, Crockford base32). Ids created within the same
/// millisecond by this instance increase monotonically, so ordering by id matches creation order.
/// </summary>
public sealed class UlidIdGenerator(TimeProvider time) : IIdGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Lock _lock = new();
    private readonly byte[] _last = new byte[16];
    private long _lastMs = -1;

    public string NewId(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Span<byte> bytes = stackalloc byte[16];
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            if (ms <= _lastMs)
            {
                // Same (or a backwards) millisecond: keep the last timestamp and increment the random part.
                ms = _lastMs;
                _last.CopyTo(bytes);
                for (var i = 15; i >= 6 && ++bytes[i] == 0; i--)
                {
                }
            }
            else
            {
                RandomNumberGenerator.Fill(bytes[6..]);
                _lastMs = ms;
            }

            for (var i = 5; i >= 0; i--)
            {
                bytes[i] = (byte)(ms & 0xFF);
                ms >>= 8;
            }

            bytes.CopyTo(_last);
        }

        return string.Create(prefix.Length + 27, (prefix, Ulid: Encode(bytes)), static (span, s) =>
        {
            s.prefix.CopyTo(span);
            span[s.prefix.Length] = '_';
            s.Ulid.CopyTo(span[(s.prefix.Length + 1)..]);
        });
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 128 bits → 26 base32 chars; the first char carries only the top 3 bits.
        var value = ((UInt128)BinaryPrimitives.ReadUInt64BigEndian(bytes) << 64)
            | BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
