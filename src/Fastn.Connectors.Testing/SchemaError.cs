namespace Fastn.Connectors.Testing;

/// <summary>One way a JSON value fails a JSON Schema.</summary>
/// <param name="Path">The JSON path of the offending value (<c>$.email</c>, <c>$.items[2].sku</c>; <c>$</c> for the root).</param>
/// <param name="Message">What is wrong there.</param>
public sealed record SchemaError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
