namespace Fastn.Flows.Validation;

/// <summary>What a host adds to the structural checks: its connectors, its expression parser, its cron reader.</summary>
public sealed record FlowValidationContext
{
    /// <summary>No catalog, no parser: structure and references only.</summary>
    public static FlowValidationContext Structural { get; } = new();

    /// <summary>The registered connectors, or null to skip connector checks.</summary>
    public IFlowCatalog? Catalog { get; init; }

    /// <summary>Returns why an expression does not parse, or null when it does.</summary>
    public Func<string, string?>? CheckExpression { get; init; }

    /// <summary>Returns why a cron expression or time zone is wrong, or null when both are right.</summary>
    public Func<string, string, string?>? CheckSchedule { get; init; }
}
