namespace Fastn.Connectors.Testing;

/// <summary>The connector made a request its fixture does not expect; the message is the diff.</summary>
public sealed class FixtureMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FixtureMismatchException(string message)
        : base(message)
    {
    }
}
