namespace Fastn.Sandbox;

/// <summary>Options of the local sandbox, bound from the <c>Fastn:Sandbox</c> configuration section.</summary>
public sealed class SandboxOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Fastn:Sandbox";

    /// <summary>
    /// Public root URL of the host (e.g. <c>http://localhost:5173</c>), used to build absolute URLs in
    /// responses. When null, the URL is taken from the incoming request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Path under which every app is mounted; each app lives at <c>{PathPrefix}/{name}</c>.</summary>
    public string PathPrefix { get; set; } = "/sandbox";

    /// <summary>
    /// Directory where apps keep the state that must survive a restart (issued tokens), one owner-only file per app;
    /// null keeps everything in memory. The server sets it to <c>{data directory}/sandbox</c>.
    /// </summary>
    public string? StateDirectory { get; set; }
}
