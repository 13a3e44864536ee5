namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>Output of <c>delete_contact</c>.</summary>
/// <param name="Deleted">Always true when the call succeeds.</param>
/// <param name="Id">The deleted contact's id.</param>
public sealed record DeleteResult(bool Deleted, string Id);
