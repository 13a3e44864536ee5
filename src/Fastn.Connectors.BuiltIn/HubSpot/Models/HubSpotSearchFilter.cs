using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>One filter of a CRM search (all filters of a search must match).</summary>
public sealed record HubSpotSearchFilter
{
    /// <summary>The property to filter on.</summary>
    [Description("The property's internal name, e.g. email, lifecyclestage, lastmodifieddate.")]
    public required string PropertyName { get; init; }

    /// <summary>The operator.</summary>
    [Description("EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN or NOT_CONTAINS_TOKEN.")]
    public required string Operator { get; init; }

    /// <summary>The value compared with.</summary>
    [Description("The value compared with (dates as epoch milliseconds).")]
    public string? Value { get; init; }

    /// <summary>The upper bound for BETWEEN.</summary>
    [Description("The upper bound for BETWEEN.")]
    public string? HighValue { get; init; }

    /// <summary>The values for IN and NOT_IN.</summary>
    [Description("The values for IN and NOT_IN.")]
    public IReadOnlyList<string>? Values { get; init; }
}
