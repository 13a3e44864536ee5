namespace Fastn.Flows.Triggers;

/// <summary>Runs only when started by hand (API, CLI, dashboard) with a payload.</summary>
public sealed record ManualTrigger : FlowTrigger;
