namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMIssue</c>: a tracked work item, bug or ticket.</summary>
public sealed class CdmIssueEntity : CdmEntity
{
    internal CdmIssueEntity()
        : base("CDMIssue", "1.0.0", "A tracked work item: an issue, bug, task or ticket.")
    {
        Id = Field("id", CdmFieldType.String, true, "The issue's id in the app it came from.");
        Number = Field("number", CdmFieldType.Integer, false, "Human-facing issue number within its project or repository.");
        Title = Field("title", CdmFieldType.String, true, "One-line summary of the issue.");
        Body = Field("body", CdmFieldType.String, false, "Full description, usually Markdown.");
        State = Field("state", CdmFieldType.Enum, false, "Whether the issue is open or closed.", enumValues: ["open", "closed"]);
        Labels = Field("labels", CdmFieldType.Array, false, "Label names attached to the issue.", itemType: CdmFieldType.String);
        AssigneeIds = Field("assigneeIds", CdmFieldType.Array, false, "Ids of the users (CDMUser) assigned to the issue.", itemType: CdmFieldType.String);
        AuthorId = Field("authorId", CdmFieldType.String, false, "Id of the user (a CDMUser) who opened the issue.");
        Url = Field("url", CdmFieldType.Url, false, "Web page of the issue.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
        ClosedAt = Field("closedAt", CdmFieldType.DateTime, false, "When the issue was closed, if it is.");
    }

    /// <summary>The issue's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Human-facing issue number.</summary>
    public CdmField Number { get; }
    /// <summary>Summary (required).</summary>
    public CdmField Title { get; }
    /// <summary>Full description.</summary>
    public CdmField Body { get; }
    /// <summary>State: open or closed.</summary>
    public CdmField State { get; }
    /// <summary>Label names.</summary>
    public CdmField Labels { get; }
    /// <summary>Assigned user ids.</summary>
    public CdmField AssigneeIds { get; }
    /// <summary>Author user id.</summary>
    public CdmField AuthorId { get; }
    /// <summary>Web page URL.</summary>
    public CdmField Url { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
    /// <summary>Close time.</summary>
    public CdmField ClosedAt { get; }
}
