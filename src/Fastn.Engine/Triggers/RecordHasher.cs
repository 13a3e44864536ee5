using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Engine.Triggers;

/// <summary>
/// The Synthetic Event Engine's change detection: a record's SHA-256 over its canonical JSON, so the same data always
/// hashes the same however the app orders keys or writes numbers. Canonical means: object keys sorted (ordinal),
/// numbers normalised (<c>1.0</c>, <c>1.00</c> and <c>1e0</c> are <c>1</c>), no whitespace, and the trigger's ignored
/// fields removed (volatile values such as <c>etag</c> or <c>last_seen</c>, by top-level name or dotted path).
/// </summary>
public sealed class RecordHasher
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly Comparer<KeyValuePair<string, JsonNode?>> ByName =
        Comparer<KeyValuePair<string, JsonNode?>>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));

    private readonly HashSet<string> _ignored;
    private readonly bool _pathsIgnored;

    /// <summary>Creates a hasher that leaves out <paramref name="ignoredFields"/> (names or dotted paths such as <c>meta.etag</c>).</summary>
    public RecordHasher(IEnumerable<string>? ignoredFields = null)
    {
        _ignored = new HashSet<string>(ignoredFields ?? [], StringComparer.Ordinal);
        _pathsIgnored = _ignored.Any(f => f.Contains('.', StringComparison.Ordinal));
    }

    /// <summary>The record's SHA-256 over its canonical JSON.</summary>
    public byte[] Hash(JsonNode? record)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        }
        else
        {
            writer.Reset(buffer);
        }

        Write(writer, record, "");
        writer.Flush();
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>The record's canonical JSON text (what <see cref="Hash"/> hashes), for diagnostics and tests.</summary>
    public string Canonical(JsonNode? record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, record, "");
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void Write(Utf8JsonWriter writer, JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                var count = obj.Count;
                var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(Math.Max(1, count));
                try
                {
                    var i = 0;
                    foreach (var member in obj)
                    {
                        members[i++] = member;
                    }

                    // Sorted with their values: no lookup by name afterwards.
                    Array.Sort(members, 0, count, ByName);
                    for (i = 0; i < count; i++)
                    {
                        var (name, child) = members[i];
                        // Dotted paths are only built when a dotted path is ignored; top-level names need none.
                        var childPath = !_pathsIgnored ? "" : path.Length == 0 ? name : string.Concat(path, ".", name);
                        if (_ignored.Count > 0 && (path.Length == 0 ? _ignored.Contains(name) : _pathsIgnored && _ignored.Contains(childPath)))
                        {
                            continue;
                        }

                        writer.WritePropertyName(name);
                        Write(writer, child, childPath);
                    }
                }
                finally
                {
                    ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members, clearArray: true);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item, path);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        // Parsed records hold JsonElements: write from their UTF-8 without allocating strings where the text allows it.
        if (value.TryGetValue<JsonElement>(out var element))
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            switch (element.ValueKind)
            {
                case JsonValueKind.String when raw.IndexOf((byte)'\\') < 0:
                    writer.WriteStringValue(raw[1..^1]);
                    return;
                case JsonValueKind.Number when IsPlainInteger(raw):
                    writer.WriteRawValue(raw, skipInputValidation: true);
                    return;
            }
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, value);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    // "-12", "0", "42": already canonical (no sign on zero, no leading zeros, no fraction or exponent).
    private static bool IsPlainInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        if (digits.Length == 0 || digits.Length > 18 || (digits[0] == (byte)'0' && (digits.Length > 1 || raw.Length > 1)))
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    // One text per number: decimals without trailing zeros ("1.50" → "1.5", "1e2" → "100"), others in round-trip form.
    private static void WriteNumber(Utf8JsonWriter writer, JsonValue value)
    {
        if (value.TryGetValue<long>(out var whole))
        {
            writer.WriteNumberValue(whole);
            return;
        }

        if (value.TryGetValue<decimal>(out var d) || (value.TryGetValue<JsonElement>(out var e) && e.TryGetDecimal(out d)))
        {
            if (d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
            {
                writer.WriteNumberValue((long)d);
            }
            else
            {
                writer.WriteRawValue(d.ToString("G29", CultureInfo.InvariantCulture), skipInputValidation: true);
            }

            return;
        }

        var number = value.TryGetValue<double>(out var x) ? x : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
