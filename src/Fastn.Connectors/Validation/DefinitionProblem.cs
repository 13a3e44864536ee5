namespace Fastn.Connectors.Validation;

/// <summary>One thing wrong with a connector definition.</summary>
/// <param name="Connector">The connector's name (or <c>(unnamed)</c>).</param>
/// <param name="Member">The member at fault (<c>actions.create_contact</c>, <c>auth.oauth2</c>).</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record DefinitionProblem(string Connector, string Member, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Connector}: {Member}: {Message}";
}
