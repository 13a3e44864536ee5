namespace Fastn.Connectors.Http;

/// <summary>The input is wrong in a way only the handler (or the app) can tell; <see cref="Path"/> names the field.</summary>
public sealed class ConnectorValidationException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorValidationException(string message, string? path = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The JSON path of the offending input value (<c>$.email</c>), if known.</summary>
    public string? Path { get; }

    /// <inheritdoc />
    public override string ProblemType => "fastn:validation";
}
