namespace Fastn.Flows.Templates;

/// <summary>
/// A lexical scan of a JavaScript expression for the run-scope names it reads (<c>trigger</c>, <c>steps.x</c>,
/// <c>item</c>, <c>index</c>), so references can be checked when a flow is saved. It skips string literals and
/// property names after a dot; it does not evaluate anything (the engine does, sandboxed).
/// </summary>
public static class ExpressionScanner
{
    /// <summary>The names a run's expressions can read.</summary>
    public static IReadOnlyList<string> ScopeNames { get; } = ["trigger", "steps", "item", "index", "run"];

    /// <summary>Every scope reference in <paramref name="expression"/>, in order.</summary>
    public static IReadOnlyList<TemplateReference> References(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var found = new List<TemplateReference>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expression, i);
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var start = i;
                i = ReadIdentifier(expression, i);
                var name = expression[start..i];
                var afterDot = PreviousSignificant(expression, start) == '.';
                if (!afterDot && ScopeNames.Contains(name, StringComparer.Ordinal) && !IsObjectKey(expression, start, i))
                {
                    var path = new List<string>();
                    i = ReadPath(expression, i, path);
                    if (name == "steps")
                    {
                        found.Add(path.Count > 0 && path[0].Length > 0
                            ? new TemplateReference(name, path[0], path.Skip(1).ToArray())
                            : new TemplateReference(name, null, []));
                    }
                    else
                    {
                        found.Add(new TemplateReference(name, null, path));
                    }
                }

                continue;
            }

            i++;
        }

        return found;
    }

    /// <summary>The index just past the string literal that starts at <paramref name="start"/>.</summary>
    internal static int SkipString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    // Reads ".name" and ["name"] accessors; a computed accessor ends the literal path with an empty segment.
    private static int ReadPath(string text, int i, List<string> path)
    {
        while (true)
        {
            var j = SkipSpace(text, i);
            if (j < text.Length - 1 && text[j] == '?' && text[j + 1] == '.')
            {
                j++;
            }

            if (j < text.Length && text[j] == '.')
            {
                var k = SkipSpace(text, j + 1);
                if (k < text.Length && IsIdentifierStart(text[k]))
                {
                    var end = ReadIdentifier(text, k);
                    path.Add(text[k..end]);
                    i = end;
                    continue;
                }

                return j + 1;
            }

            if (j < text.Length && text[j] == '[')
            {
                var k = SkipSpace(text, j + 1);
                if (k < text.Length && text[k] is '"' or '\'')
                {
                    var end = SkipString(text, k);
                    var close = SkipSpace(text, end);
                    if (close < text.Length && text[close] == ']')
                    {
                        path.Add(text[(k + 1)..(end - 1)]);
                        i = close + 1;
                        continue;
                    }
                }

                if (k < text.Length && char.IsAsciiDigit(text[k]))
                {
                    var end = k;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                    {
                        end++;
                    }

                    var close = SkipSpace(text, end);
                    if (close < text.Length && text[close] == ']')
                    {
                        path.Add(text[k..end]);
                        i = close + 1;
                        continue;
                    }
                }

                // A computed index: the literal path stops here.
                if (path.Count == 0)
                {
                    path.Add("");
                }

                return j;
            }

            return i;
        }
    }

    private static bool IsObjectKey(string text, int start, int afterName)
    {
        var j = SkipSpace(text, afterName);
        if (j >= text.Length || text[j] != ':')
        {
            return false;
        }

        // "a ? trigger : b" is a conditional, "{ trigger: 1 }" a key: look back for '{' or ','.
        return PreviousSignificant(text, start) is '{' or ',';
    }

    private static char PreviousSignificant(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i >= 0 ? text[i] : '\0';
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int ReadIdentifier(string text, int i)
    {
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
