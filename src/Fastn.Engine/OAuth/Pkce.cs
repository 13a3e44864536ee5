using System.Security.Cryptography;
using System.Text;

namespace Fastn.Engine.OAuth;

/// <summary>PKCE (RFC 7636) with S256, and the random values OAuth needs.</summary>
public static class Pkce
{
    /// <summary>A 43-character code verifier (32 random bytes, base64url).</summary>
    public static string NewVerifier() => RandomUrlSafe(32);

    /// <summary>The S256 challenge of a verifier.</summary>
    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>A random URL-safe string of <paramref name="bytes"/> random bytes.</summary>
    public static string RandomUrlSafe(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Base64url without padding.</summary>
    public static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
