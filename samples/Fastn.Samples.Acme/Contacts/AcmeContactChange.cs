namespace Fastn.Samples.Acme.Contacts;

/// <summary>A change to the contact store: <c>contact.created</c>, <c>contact.updated</c> or <c>contact.deleted</c>.</summary>
public sealed record AcmeContactChange(string EventType, AcmeContact Contact)
{
    public const string Created = "contact.created";
    public const string Updated = "contact.updated";
    public const string Deleted = "contact.deleted";

    /// <summary>Every event type, in the order above.</summary>
    public static IReadOnlyList<string> AllEventTypes { get; } = [Created, Updated, Deleted];
}
