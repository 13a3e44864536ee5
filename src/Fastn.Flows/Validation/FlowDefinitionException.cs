namespace Fastn.Flows.Validation;

/// <summary>A flow definition that cannot be used, with every problem found.</summary>
public sealed class FlowDefinitionException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    public FlowDefinitionException(IReadOnlyList<FlowProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with one message.</summary>
    public FlowDefinitionException(string message)
        : this([new FlowProblem("$", message)])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    public FlowDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new FlowProblem("$", message)];
    }

    /// <summary>Creates the exception.</summary>
    public FlowDefinitionException()
        : this("The flow definition is not valid.")
    {
    }

    /// <summary>Every problem, each with its path.</summary>
    public IReadOnlyList<FlowProblem> Problems { get; }

    private static string Describe(IReadOnlyList<FlowProblem> problems) =>
        problems.Count == 1
            ? $"The flow definition is not valid: {problems[0]}"
            : $"The flow definition has {problems.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
