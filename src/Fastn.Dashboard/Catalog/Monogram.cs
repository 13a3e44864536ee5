namespace Fastn.Dashboard.Catalog;

/// <summary>A generated icon for a connector without one: up to two initials on a colour derived from its name.</summary>
internal static class Monogram
{
    private static readonly string[] Palette = ["#0f6cbd", "#8764b8", "#107c10", "#c239b3", "#ca5010", "#038387", "#4f6bed", "#b4009e", "#498205", "#986f0b"];

    public static string Initials(string displayName)
    {
        var words = (displayName ?? "").Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length switch
        {
            0 => "?",
            1 => words[0][..Math.Min(2, words[0].Length)].ToUpperInvariant(),
            _ => string.Concat(char.ToUpperInvariant(words[0][0]), char.ToUpperInvariant(words[1][0])),
        };
    }

    /// <summary>A stable colour for a name (FNV-1a, not string.GetHashCode, so it is the same on every run).</summary>
    public static string Color(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name ?? "")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[hash % (uint)Palette.Length];
    }

    /// <summary>Only a local icon (a path on this server or a data: URI) is shown: the dashboard makes no outside requests.</summary>
    public static bool IsLocalIcon(string? url) =>
        !string.IsNullOrEmpty(url) && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) || url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase));
}
