namespace Fastn.Engine.Vault;

/// <summary>Vault settings (<c>Fastn:Vault</c>).</summary>
public sealed class VaultOptions
{
    /// <summary>
    /// Base64 of a 32-byte master key that encrypts the Data Protection key ring stored in the database.
    /// When empty, a key file is created beside the database with owner-only permissions.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>Where the generated master key is kept when <see cref="MasterKey"/> is empty.</summary>
    public string MasterKeyFile { get; set; } = Path.Combine("data", "master.key");
}
