using System.Globalization;
using Fastn.Connectors.Http;

namespace Fastn.Engine.Http;

/// <summary>An app's response body was larger than <see cref="OutboundHttpOptions.MaxResponseBytes"/>.</summary>
public sealed class ResponseTooLargeException : ConnectorException
{
    /// <summary>Creates the exception for a limit of <paramref name="limit"/> bytes.</summary>
    public ResponseTooLargeException(long limit, Uri? requestUri)
        : base($"The app's response{(requestUri is null ? "" : " from " + requestUri.GetLeftPart(UriPartial.Path))} is larger than the limit of {Describe(limit)} per response. "
            + "Ask the app for less (a smaller page or fewer fields), or raise the limit with Fastn:Http:MaxResponseBytes.")
    {
        Limit = limit;
    }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }

    /// <inheritdoc />
    public override string ProblemType => "fastn:response-too-large";

    private static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : bytes % 1024 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
