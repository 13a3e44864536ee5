namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMMessage</c>: a chat message posted in a channel or conversation.</summary>
public sealed class CdmMessageEntity : CdmEntity
{
    internal CdmMessageEntity()
        : base("CDMMessage", "1.0.0", "A chat message posted in a channel, group or direct conversation.")
    {
        Id = Field("id", CdmFieldType.String, true, "The message's id in the app it came from (e.g. Slack's ts).");
        ChannelId = Field("channelId", CdmFieldType.String, true, "Id of the channel or conversation the message is in.");
        Text = Field("text", CdmFieldType.String, true, "Message body as plain text or the app's markup.");
        SenderId = Field("senderId", CdmFieldType.String, false, "Id of the user (a CDMUser) or bot that sent the message.");
        ThreadId = Field("threadId", CdmFieldType.String, false, "Id of the parent message when the message is a thread reply.");
        Attachments = Field("attachments", CdmFieldType.Array, false, "Files attached to the message.", itemType: CdmFieldType.Object, properties:
        [
            Nested("name", CdmFieldType.String, false, "File name."),
            Nested("url", CdmFieldType.Url, false, "Where the file can be downloaded."),
            Nested("mimeType", CdmFieldType.String, false, "Media type, e.g. \"image/png\"."),
        ]);
        SentAt = Field("sentAt", CdmFieldType.DateTime, false, "When the message was posted.");
        EditedAt = Field("editedAt", CdmFieldType.DateTime, false, "When the message was last edited, if ever.");
    }

    /// <summary>The message's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Channel or conversation id (required).</summary>
    public CdmField ChannelId { get; }
    /// <summary>Message body (required).</summary>
    public CdmField Text { get; }
    /// <summary>Sender id.</summary>
    public CdmField SenderId { get; }
    /// <summary>Parent message id for thread replies.</summary>
    public CdmField ThreadId { get; }
    /// <summary>Attached files (objects with name, url, mimeType).</summary>
    public CdmField Attachments { get; }
    /// <summary>Post time.</summary>
    public CdmField SentAt { get; }
    /// <summary>Last edit time.</summary>
    public CdmField EditedAt { get; }
}
