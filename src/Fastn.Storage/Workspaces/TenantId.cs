namespace Fastn.Storage.Workspaces;

/// <summary>
/// The one rule for tenant ids, used by the tenant header, tenant-scoped API keys, tenants and connect sessions:
/// 1–100 characters of letters, digits, '.', '_', ':', '@' or '-', not starting with '.' and without "..".
/// The characters keep ids safe in URLs, paths and log lines; the dot rules keep them from reading as path segments.
/// </summary>
public static class TenantId
{
    /// <summary>The longest tenant id (the column size).</summary>
    public const int MaxLength = 100;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1–100 characters of letters, digits, '.', '_', ':', '@' or '-', not starting with '.' and without '..'";

    /// <summary>Whether <paramref name="value"/> is a valid tenant id.</summary>
    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Why <paramref name="value"/> is not a valid tenant id, or <see langword="null"/> when it is.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }

        if (value.Length > MaxLength)
        {
            return $"is {value.Length} characters long; at most {MaxLength} are allowed";
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '@' or '-'))
            {
                return char.IsControl(c) || char.IsWhiteSpace(c)
                    ? $"contains the character U+{(int)c:X4}; only letters, digits, '.', '_', ':', '@' and '-' are allowed"
                    : $"contains '{c}'; only letters, digits, '.', '_', ':', '@' and '-' are allowed";
            }
        }

        if (value[0] == '.')
        {
            return "must not start with '.'";
        }

        return value.Contains("..", StringComparison.Ordinal) ? "must not contain '..'" : null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> is not a valid tenant id.</summary>
    public static string EnsureValid(string? value, string paramName = "tenantId")
    {
        if (Validate(value) is { } error)
        {
            throw new ArgumentException($"The tenant id {error}.", paramName);
        }

        return value!;
    }
}
