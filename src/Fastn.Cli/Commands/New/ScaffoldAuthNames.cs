namespace Fastn.Cli.Commands.New;

/// <summary>The command-line spelling of each <see cref="ScaffoldAuth"/>.</summary>
internal static class ScaffoldAuthNames
{
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<ScaffoldAuth>().Select(ToName)];

    public static string ToName(ScaffoldAuth auth) => auth.ToString().ToLowerInvariant();

    public static ScaffoldAuth Parse(string name)
    {
        foreach (var auth in Enum.GetValues<ScaffoldAuth>())
        {
            if (string.Equals(ToName(auth), name, StringComparison.OrdinalIgnoreCase))
            {
                return auth;
            }
        }

        throw new ArgumentException($"Unknown auth kind '{name}': use one of {string.Join(", ", All)}.", nameof(name));
    }
}
