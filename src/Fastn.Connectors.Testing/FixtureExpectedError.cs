namespace Fastn.Connectors.Testing;

/// <summary>The typed error an action must throw (a <see cref="Http.ConnectorException"/>).</summary>
public sealed class FixtureExpectedError
{
    /// <summary>The problem type (<c>fastn:upstream</c>, <c>fastn:auth-required</c>, <c>fastn:rate-limited</c>, <c>fastn:validation</c>).</summary>
    public required string Type { get; set; }

    /// <summary>For <c>fastn:upstream</c>: the app's status code.</summary>
    public int? Status { get; set; }

    /// <summary>Text the error message must contain.</summary>
    public string? MessageContains { get; set; }
}
