using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A file shared in a message.</summary>
public sealed record SlackFile
{
    /// <summary>File id, <c>F…</c>.</summary>
    [Description("File id, like F0S43PZDF.")]
    public string? Id { get; init; }

    /// <summary>File name.</summary>
    [Description("File name.")]
    public string? Name { get; init; }

    /// <summary>Media type.</summary>
    [Description("Media type, like image/png.")]
    public string? Mimetype { get; init; }

    /// <summary>Private download URL (needs the bot token).</summary>
    [Description("Download URL; requests need the bot token.")]
    public string? UrlPrivate { get; init; }
}
