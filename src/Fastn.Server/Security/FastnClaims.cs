namespace Fastn.Server.Security;

/// <summary>Claim types of a Fastn principal (see <see cref="FastnPrincipal"/>).</summary>
public static class FastnClaims
{
    /// <summary>The workspace the caller acts in.</summary>
    public const string Workspace = "fastn:workspace";

    /// <summary>Present only when the caller is limited to one tenant.</summary>
    public const string Tenant = "fastn:tenant";

    /// <summary>The API key id (also the name identifier).</summary>
    public const string KeyId = "fastn:key";
}
