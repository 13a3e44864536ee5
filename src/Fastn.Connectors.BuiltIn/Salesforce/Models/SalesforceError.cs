using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>One Salesforce error: <c>{message, errorCode, fields}</c>.</summary>
public sealed record SalesforceError
{
    /// <summary>What went wrong.</summary>
    [Description("What went wrong.")]
    public string? Message { get; init; }

    /// <summary>Salesforce's error code (REQUIRED_FIELD_MISSING, …).</summary>
    [Description("Salesforce's error code (REQUIRED_FIELD_MISSING, …).")]
    public string? ErrorCode { get; init; }

    /// <summary>The fields the error is about.</summary>
    [Description("The fields the error is about.")]
    public List<string>? Fields { get; init; }
}
