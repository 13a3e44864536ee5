namespace Fastn.Server.Hosting;

/// <summary>Server settings (<c>Fastn</c> section).</summary>
public sealed class ServerOptions
{
    /// <summary>The URL users and apps reach this server at; OAuth redirect URIs and webhook URLs are built from it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5173";

    /// <summary>Whether the local sandbox apps (Acme CRM…) are served under <c>/sandbox</c> and their connectors registered.</summary>
    public bool EnableSandbox { get; set; } = true;

    /// <summary>Folder scanned for connector plugin assemblies.</summary>
    public string PluginFolder { get; set; } = "connectors";
}
