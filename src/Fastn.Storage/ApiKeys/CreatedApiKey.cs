namespace Fastn.Storage.ApiKeys;

/// <summary>A new API key: <see cref="PlaintextKey"/> is shown to the user once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string PlaintextKey);
