namespace Fastn.Flows.Templates;

/// <summary>
/// Finds the <c>{{ … }}</c> expressions in a template string. A string that is exactly one expression evaluates to
/// the expression's value with its type; any other string interpolates each expression's text.
/// </summary>
public static class TemplateText
{
    /// <summary>Whether <paramref name="text"/> holds at least one <c>{{</c>.</summary>
    public static bool HasTemplate(string text) => text.Contains("{{", StringComparison.Ordinal);

    /// <summary>The expression when the whole string (trimmed) is one <c>{{ expression }}</c>, else null.</summary>
    public static string? SingleExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = Split(text.Trim(), out var error);
        return error is null && parts is [{ IsExpression: true } only] ? only.Text : null;
    }

    /// <summary>
    /// Splits a template into literal text and expressions, in order. <paramref name="error"/> says what is wrong
    /// when a <c>{{</c> is never closed or an expression is empty (the parts found before it are returned).
    /// </summary>
    public static IReadOnlyList<TemplatePart> Split(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var parts = new List<TemplatePart>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplatePart(text[position..], false));
                break;
            }

            if (open > position)
            {
                parts.Add(new TemplatePart(text[position..open], false));
            }

            var close = FindClose(text, open + 2);
            if (close < 0)
            {
                error = $"'{{{{' at character {open + 1} is never closed with '}}}}'";
                return parts;
            }

            var expression = text[(open + 2)..close].Trim();
            if (expression.Length == 0)
            {
                error = $"the expression at character {open + 1} is empty";
                return parts;
            }

            parts.Add(new TemplatePart(expression, true));
            position = close + 2;
        }

        return parts;
    }

    // The "}}" that closes an expression, skipping any inside string literals (so '{{ "a}}b" }}' works).
    private static int FindClose(string text, int from)
    {
        var i = from;
        while (i < text.Length - 1)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = ExpressionScanner.SkipString(text, i);
                continue;
            }

            if (c == '}' && text[i + 1] == '}')
            {
                // "}}}" closes at the last pair: an object literal's brace comes first.
                while (i + 2 < text.Length && text[i + 2] == '}')
                {
                    i++;
                }

                return i;
            }

            i++;
        }

        return -1;
    }
}
