using System.Security.Cryptography;

namespace Fastn.Engine.Vault;

/// <summary>The 32-byte key that encrypts the key ring, from configuration or an owner-only file.</summary>
public sealed class MasterKey
{
    private MasterKey(byte[] key)
    {
        Key = key;
    }

    internal byte[] Key { get; }

    /// <summary>Loads the key from options, or from (creating if needed) the key file.</summary>
    public static MasterKey Load(VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(options.MasterKey);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Fastn:Vault:MasterKey is not base64. Generate one with: head -c 32 /dev/urandom | base64");
            }

            return key.Length == 32 ? new MasterKey(key)
                : throw new InvalidOperationException($"Fastn:Vault:MasterKey must be 32 bytes (base64 of 32 random bytes); it is {key.Length}.");
        }

        var path = Path.GetFullPath(options.MasterKeyFile);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            return Load(new VaultOptions { MasterKey = text });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fresh = RandomNumberGenerator.GetBytes(32);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only: the key decrypts every stored credential.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(fresh));
        }

        return new MasterKey(fresh);
    }
}
