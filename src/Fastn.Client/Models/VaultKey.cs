namespace Fastn.Client.Models;

/// <summary>One key of the credential vault's key ring (no key material).</summary>
/// <param name="Id">The key id.</param>
/// <param name="CreatedAt">When it was created (absent in the rotate answer).</param>
/// <param name="ActivatesAt">From when new secrets are encrypted with it.</param>
/// <param name="ExpiresAt">When it stops encrypting new secrets (it still decrypts old ones).</param>
/// <param name="Revoked">Whether it was revoked.</param>
public sealed record VaultKey(Guid Id, DateTimeOffset? CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset ExpiresAt, bool Revoked = false);
