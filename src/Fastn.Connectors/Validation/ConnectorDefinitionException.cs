namespace Fastn.Connectors.Validation;

/// <summary>Registration refused a definition; <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class ConnectorDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorDefinitionException(IReadOnlyList<DefinitionProblem> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>All the problems found.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }

    private static string Format(IReadOnlyList<DefinitionProblem> problems) =>
        $"The connector definition has {problems.Count} problem(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
