using System.Reflection;

namespace Fastn.Connectors.BuiltIn;

/// <summary>
/// The built-in connectors. Each is a <see cref="FastnConnectorAttribute"/> static class in its own folder with a
/// <c>Definition</c> against the vendor's real URLs and a <c>Create(string? sandboxRoot)</c> that points every URL
/// (API and OAuth) at a local simulation instead — the server uses it when the sandbox is on.
/// </summary>
public static class BuiltInConnectors
{
    /// <summary>All built-in definitions: against the vendors, or against simulations under <paramref name="sandboxBaseUrl"/> (<c>{PublicBaseUrl}/sandbox</c>).</summary>
    public static IReadOnlyList<ConnectorDefinition> All(string? sandboxBaseUrl = null) =>
    [
        .. typeof(BuiltInConnectors).Assembly.GetExportedTypes()
            .Where(t => t.GetCustomAttribute<FastnConnectorAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => Create(t, sandboxBaseUrl)),
    ];

    private static ConnectorDefinition Create(Type type, string? sandboxBaseUrl)
    {
        if (sandboxBaseUrl is not null && type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(string)]) is { } create)
        {
            var definition = (ConnectorDefinition)create.Invoke(null, [sandboxBaseUrl])!;
            return definition;
        }

        return (ConnectorDefinition)type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
