namespace Fastn.Samples.Acme.Contacts;

/// <summary>Outcome of a write to the contact store.</summary>
public enum AcmeWriteStatus
{
    Ok,
    NotFound,
    EmailTaken,
}
