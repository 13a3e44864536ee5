namespace Fastn.Connectors.BuiltIn.Tests.Specs;

/// <summary>How strictly a value is checked against a schema.</summary>
/// <param name="Form">The value was decoded from a form or multipart body: every scalar is a string, arrays are numbered objects.</param>
/// <param name="RequireRequired">Report required properties that are missing.</param>
/// <param name="IsRequest">A request body (readOnly properties are not required) rather than a response.</param>
internal sealed record ValidationMode(bool Form, bool RequireRequired, bool IsRequest);
