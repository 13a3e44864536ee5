namespace Fastn.Connectors.Authentication;

/// <summary>Where an API key travels.</summary>
public enum ApiKeyLocation
{
    /// <summary>In a request header.</summary>
    Header,
    /// <summary>In a query-string parameter.</summary>
    Query,
}
