namespace Fastn.Connectors.Http;

/// <summary>The app answered with an error: its status code and a truncated body.</summary>
public sealed class UpstreamException : ConnectorException
{
    /// <summary>Bodies longer than this are cut in messages and logs.</summary>
    public const int MaxBodyLength = 4096;

    /// <summary>Creates the exception.</summary>
    public UpstreamException(int statusCode, string? body, string? message = null, Exception? innerException = null)
        : base(message ?? $"The app answered {statusCode}.", innerException)
    {
        StatusCode = statusCode;
        Body = Truncate(body);
    }

    /// <summary>The app's HTTP status code (0 when no response arrived).</summary>
    public int StatusCode { get; }

    /// <summary>The app's response body, truncated to <see cref="MaxBodyLength"/> characters.</summary>
    public string? Body { get; }

    /// <inheritdoc />
    public override string ProblemType => "fastn:upstream";

    private static string? Truncate(string? body) =>
        body is null || body.Length <= MaxBodyLength ? body : string.Concat(body.AsSpan(0, MaxBodyLength), "…");
}
