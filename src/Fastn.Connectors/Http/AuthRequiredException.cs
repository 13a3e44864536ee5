namespace Fastn.Connectors.Http;

/// <summary>The app refused the credentials: the user must reconnect (or a refresh must happen first).</summary>
public sealed class AuthRequiredException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public AuthRequiredException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ProblemType => "fastn:auth-required";
}
