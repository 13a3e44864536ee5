namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>The input of actions that take none.</summary>
public sealed record EmptyInput;
