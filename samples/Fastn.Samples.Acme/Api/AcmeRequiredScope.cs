namespace Fastn.Samples.Acme.Api;

/// <summary>Endpoint metadata: the scope an access token needs for this endpoint.</summary>
internal sealed record AcmeRequiredScope(string Scope);
