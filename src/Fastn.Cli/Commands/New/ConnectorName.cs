using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fastn.Cli.Commands.New;

/// <summary>A connector's kebab-case name and the C# and display names derived from it.</summary>
internal sealed partial record ConnectorName
{
    // Identifiers the generated code uses unqualified; a namespace of the same name would hide them.
    private static readonly HashSet<string> Reserved = ["Auth", "Cdm", "Define", "Fastn", "Microsoft", "System", "Xunit"];

    private ConnectorName(string kebab, string pascal)
    {
        Kebab = kebab;
        Pascal = pascal;
    }

    /// <summary>The connector name as given, e.g. <c>my-app</c>.</summary>
    public string Kebab { get; }

    /// <summary>The C# name, e.g. <c>MyApp</c>.</summary>
    public string Pascal { get; }

    /// <summary>A display name guessed from the name, e.g. <c>My App</c>.</summary>
    public string DefaultDisplayName => string.Join(' ', Kebab.Split('-').Select(Capitalize));

    /// <summary>Returns why <paramref name="name"/> cannot be a connector name, or <see langword="null"/> when it can.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The connector name is empty: give a kebab-case name like 'my-app'.";
        }

        if (!KebabCase().IsMatch(name))
        {
            var suggestion = Suggest(name);
            return $"'{name}' is not a valid connector name: use kebab-case like 'my-app' (lower-case letters and digits, words joined by single dashes, starting with a letter)."
                + (suggestion is not null && suggestion != name ? $" Did you mean '{suggestion}'?" : "");
        }

        var pascal = ToPascal(name);
        return Reserved.Contains(pascal)
            ? $"'{name}' would clash with the '{pascal}' type or namespace the generated code uses: choose another name, e.g. '{name}-app'."
            : null;
    }

    /// <summary>Parses a valid name; throws <see cref="ArgumentException"/> with the reason otherwise.</summary>
    public static ConnectorName Parse(string name) =>
        Validate(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : new ConnectorName(name, ToPascal(name));

    private static string ToPascal(string kebab) => string.Concat(kebab.Split('-').Select(Capitalize));

    private static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string? Suggest(string name)
    {
        // MyApp / my_app / "My App" -> my-app
        var builder = new StringBuilder();
        foreach (var c in name.Trim())
        {
            if (char.IsUpper(c) && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLower(c, CultureInfo.InvariantCulture) : '-');
        }

        var suggestion = Dashes().Replace(builder.ToString(), "-").Trim('-');
        return KebabCase().IsMatch(suggestion) ? suggestion : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
