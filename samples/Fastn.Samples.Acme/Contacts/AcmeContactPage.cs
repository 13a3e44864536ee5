namespace Fastn.Samples.Acme.Contacts;

/// <summary>One page of contacts; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record AcmeContactPage(IReadOnlyList<AcmeContact> Data, string? NextCursor);
