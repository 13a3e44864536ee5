using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Vault;

/// <summary>Decrypts key XML written by <see cref="MasterKeyXmlEncryptor"/>; Data Protection creates it with the service provider.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetRequiredService<MasterKey>();
        var data = Convert.FromBase64String(encryptedElement.Element("value")?.Value
            ?? throw new CryptographicException("The encrypted key element has no value."));
        var nonce = data.AsSpan(0, 12);
        var tag = data.AsSpan(12, 16);
        var cipher = data.AsSpan(28);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key.Key, 16))
        {
            aes.Decrypt(nonce, cipher, tag, plain);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
