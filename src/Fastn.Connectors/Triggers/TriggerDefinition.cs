namespace Fastn.Connectors.Triggers;

/// <summary>Something in the app that starts a flow: a webhook delivery or a change found by polling.</summary>
public abstract record TriggerDefinition
{
    /// <summary>snake_case name, unique within the connector (<c>contact_changed</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the trigger fires on.</summary>
    public required string Description { get; init; }

    /// <summary>Webhook or poll.</summary>
    public abstract TriggerKind Kind { get; }
}
