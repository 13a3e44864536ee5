namespace Fastn.Connectors.Http;

/// <summary>
/// Base of the typed errors a handler throws. The executor turns each into problem+json with a stable
/// <see cref="ProblemType"/> and records it in the call log; messages must never contain secrets.
/// </summary>
public abstract class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ConnectorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The stable problem type, e.g. <c>fastn:upstream</c>.</summary>
    public abstract string ProblemType { get; }
}
