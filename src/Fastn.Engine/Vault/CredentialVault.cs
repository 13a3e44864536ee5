using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Fastn.Engine.Vault;

/// <summary>Encrypts and decrypts secret bags (credential values, tokens, client secrets) with Data Protection.</summary>
public sealed class CredentialVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Fastn.Vault.v1");

    /// <summary>Encrypts a bag of secrets.</summary>
    public string Protect(IReadOnlyDictionary<string, string> secrets) => _protector.Protect(JsonSerializer.Serialize(secrets));

    /// <summary>Encrypts one secret value.</summary>
    public string ProtectValue(string secret) => _protector.Protect(secret);

    /// <summary>Decrypts one secret value.</summary>
    public string UnprotectValue(string protectedValue) => Unprotect(() => _protector.Unprotect(protectedValue));

    /// <summary>Decrypts a bag of secrets.</summary>
    public Dictionary<string, string> Unprotect(string protectedSecrets) =>
        Unprotect(() => JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(protectedSecrets)) ?? []);

    private static T Unprotect<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException("Stored credentials could not be decrypted: the vault key ring or master key changed. Reconnect the account.", ex);
        }
    }
}
