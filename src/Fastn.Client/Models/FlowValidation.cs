namespace Fastn.Client.Models;

/// <summary>The result of checking a flow definition.</summary>
/// <param name="Valid">Whether it has no problems.</param>
/// <param name="Problems">Every problem with its path.</param>
public sealed record FlowValidation(bool Valid, IReadOnlyList<FlowProblem> Problems);

/// <summary>One problem of a flow definition.</summary>
/// <param name="Path">Where, as a JSON path.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record FlowProblem(string Path, string Message);
