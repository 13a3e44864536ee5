namespace Fastn.Connectors.Testing;

/// <summary>
/// A connector produced JSON that its own schema forbids (an action's output, a polled record): a bug in
/// the connector, reported with every failing JSON path.
/// </summary>
public sealed class SchemaViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What was checked, e.g. <c>acme-crm: actions.create_contact output</c>.</param>
    /// <param name="errors">The errors found.</param>
    public SchemaViolationException(string what, IReadOnlyList<SchemaError> errors)
        : base($"{what} does not match its schema:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    /// <summary>Every failing path and message.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>The JSON path of the first error.</summary>
    public string? Path => Errors.Count > 0 ? Errors[0].Path : null;
}
