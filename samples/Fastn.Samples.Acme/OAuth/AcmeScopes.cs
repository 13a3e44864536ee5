namespace Fastn.Samples.Acme.OAuth;

/// <summary>The OAuth scopes of Acme CRM.</summary>
public static class AcmeScopes
{
    /// <summary>Read contacts, the account, and manage webhook subscriptions.</summary>
    public const string ContactsRead = "contacts.read";

    /// <summary>Create, update and delete contacts.</summary>
    public const string ContactsWrite = "contacts.write";

    /// <summary>Every scope, in canonical order.</summary>
    public static IReadOnlyList<string> All { get; } = [ContactsRead, ContactsWrite];

    internal static string Describe(string scope) => scope switch
    {
        ContactsRead => "View your contacts and account, and receive contact webhooks",
        ContactsWrite => "Create, edit and delete your contacts",
        _ => scope,
    };

    /// <summary>Splits a space-separated scope string into distinct scopes in canonical order.</summary>
    internal static IReadOnlyList<string> Parse(string? scope) =>
        (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => All.Contains(s) ? All.ToList().IndexOf(s) : int.MaxValue)
            .ToList();

    internal static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes);
}
