namespace Fastn.Flows.Validation;

/// <summary>What the validator may know about connectors, so a save-time check can name unknown actions and wrong inputs.</summary>
public interface IFlowCatalog
{
    /// <summary>The connector, or null when none of that name is registered.</summary>
    FlowCatalogConnector? FindConnector(string name);
}
