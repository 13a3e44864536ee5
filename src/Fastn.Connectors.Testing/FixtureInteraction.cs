namespace Fastn.Connectors.Testing;

/// <summary>One request the connector must make and the response the app gives to it.</summary>
public sealed class FixtureInteraction
{
    /// <summary>What the request must look like.</summary>
    public FixtureRequest Request { get; set; } = new();

    /// <summary>What the app answers.</summary>
    public FixtureResponse Response { get; set; } = new();
}
