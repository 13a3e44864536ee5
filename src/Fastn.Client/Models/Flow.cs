using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>A flow: its draft definition and which published version runs.</summary>
/// <param name="Id">The flow id (<c>flow_…</c>).</param>
/// <param name="Name">The definition's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Draft">The draft definition.</param>
/// <param name="PublishedVersion">The version that runs, or null when never published.</param>
/// <param name="Enabled">Whether its trigger starts runs.</param>
/// <param name="TriggerKind">The published trigger's kind.</param>
/// <param name="HasUnpublishedChanges">Whether the draft differs from the published version.</param>
/// <param name="NextRunAt">For a schedule, when it next fires.</param>
/// <param name="Revision">Send it back as <c>expectedRevision</c> to refuse lost updates.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Flow(string Id, string Name, string? Description, JsonObject Draft, int? PublishedVersion, bool Enabled, string? TriggerKind,
    bool HasUnpublishedChanges, DateTimeOffset? NextRunAt, long Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
