namespace Fastn.Connectors.Triggers;

/// <summary>How a trigger learns about events.</summary>
public enum TriggerKind
{
    /// <summary>The app pushes signed HTTP requests.</summary>
    Webhook,
    /// <summary>The Synthetic Event Engine fetches pages and detects changes by hashing.</summary>
    Poll,
}
