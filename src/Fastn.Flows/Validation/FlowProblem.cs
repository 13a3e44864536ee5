namespace Fastn.Flows.Validation;

/// <summary>One thing wrong with a flow definition, at a JSON path (<c>$.steps[1].input.email</c>).</summary>
/// <param name="Path">Where, as a JSON path from the document's root.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record FlowProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
