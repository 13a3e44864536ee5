using System.ComponentModel;

namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>Input naming one contact.</summary>
public sealed record ContactIdInput
{
    /// <summary>The contact id.</summary>
    [Description("Acme's contact id, like ct_123.")]
    public required string Id { get; init; }
}
