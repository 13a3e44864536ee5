namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of actions that take no arguments.</summary>
public sealed record EmptyInput;
