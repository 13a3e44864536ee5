namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>No input.</summary>
public sealed record SalesforceEmptyInput;
