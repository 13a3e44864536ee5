using System.Text;
using System.Text.Json;
using Fastn.Engine.Errors;

namespace Fastn.Server.Requests;

/// <summary>
/// The one strict reader every JSON request body passes before an endpoint binds it: well-formed JSON, valid UTF-8,
/// no lone surrogates (<c>"\ud800"</c>) and no duplicate property names. System.Text.Json accepts the last three and
/// then fails later (or lets the last duplicate win silently), so they are refused here, with the JSON path.
/// </summary>
public static class StrictJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Checks a UTF-8 JSON document; returns a <c>fastn:validation</c> problem with the JSON path, or null when it is acceptable.</summary>
    public static FastnException? Check(ReadOnlySpan<byte> utf8)
    {
        // The serializer skips a UTF-8 byte-order mark; so does this check.
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var frames = new Stack<Frame>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var path = ValuePath(frames, property);
                        frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartObject));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        property = null;
                        Advance(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames.Peek();
                        if (!TryGetString(ref reader, out var name))
                        {
                            return Problem($"A property name in the object at {frame.Path} is not valid text (invalid UTF-8 or a lone UTF-16 surrogate escape such as \\ud800). Send the body as UTF-8 with properly paired escapes.", frame.Path);
                        }

                        if (!frame.Names!.Add(name))
                        {
                            var duplicate = Append(frame.Path, name);
                            return Problem($"The property {ProblemText.Quote(name)} appears more than once in the object at {frame.Path}. Send each property once.", duplicate);
                        }

                        property = name;
                        break;
                    case JsonTokenType.String:
                        if (!TryGetString(ref reader, out _))
                        {
                            var at = ValuePath(frames, property);
                            return Problem($"The string at {at} is not valid text (invalid UTF-8 or a lone UTF-16 surrogate escape such as \\ud800). Send the body as UTF-8 with properly paired escapes.", at);
                        }

                        property = null;
                        Advance(frames);
                        break;
                    default:
                        property = null;
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var at = ValuePath(frames, property);
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = cut > 0 ? message[..cut].TrimEnd() : message;
            return Problem($"The request body is not valid JSON (near {at}, line {(e.LineNumber ?? 0) + 1}): {message}", at);
        }

        return null;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            // GetString transcodes and unescapes: it throws on invalid UTF-8 and on lone surrogates.
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = "";
            return false;
        }
    }

    private static void Advance(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var top) && !top.IsObject)
        {
            top.Index++;
        }
    }

    private static string ValuePath(Stack<Frame> frames, string? property)
    {
        if (!frames.TryPeek(out var top))
        {
            return "$";
        }

        return top.IsObject ? (property is null ? top.Path : Append(top.Path, property)) : $"{top.Path}[{top.Index}]";
    }

    private static string Append(string path, string name)
    {
        var simple = name.Length > 0 && name.Length <= ProblemText.MaxQuoted && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (simple)
        {
            return $"{path}.{name}";
        }

        var escaped = new StringBuilder();
        foreach (var c in name.Length > ProblemText.MaxQuoted ? name[..ProblemText.MaxQuoted] : name)
        {
            escaped.Append(c switch
            {
                '\'' => "\\'",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return $"{path}['{escaped}']";
    }

    private static FastnException Problem(string detail, string path) => FastnException.Validation(detail, path);

    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;

        public bool IsObject { get; } = isObject;

        public HashSet<string>? Names { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public int Index { get; set; }
    }
}
