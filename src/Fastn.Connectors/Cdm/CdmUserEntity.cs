namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMUser</c>: an account of a person in the app itself (member, agent, employee).</summary>
public sealed class CdmUserEntity : CdmEntity
{
    internal CdmUserEntity()
        : base("CDMUser", "1.0.0", "An account of a person in the app itself: workspace member, agent, employee or record owner.")
    {
        Id = Field("id", CdmFieldType.String, true, "The user's id in the app it came from.");
        Email = Field("email", CdmFieldType.Email, false, "The user's e-mail address.");
        DisplayName = Field("name", CdmFieldType.String, false, "Full display name.");
        Username = Field("username", CdmFieldType.String, false, "Login or handle, e.g. a GitHub login.");
        AvatarUrl = Field("avatarUrl", CdmFieldType.Url, false, "URL of the user's profile picture.");
        Role = Field("role", CdmFieldType.String, false, "Role or permission level as named in the source app, e.g. \"admin\".");
        Active = Field("active", CdmFieldType.Boolean, false, "Whether the account is active (false when deactivated or suspended).");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The user's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>E-mail address.</summary>
    public CdmField Email { get; }
    /// <summary>Full display name, JSON <c>name</c>; not called <c>Name</c>, which is the entity's own name.</summary>
    public CdmField DisplayName { get; }
    /// <summary>Login or handle.</summary>
    public CdmField Username { get; }
    /// <summary>Profile picture URL.</summary>
    public CdmField AvatarUrl { get; }
    /// <summary>Role or permission level.</summary>
    public CdmField Role { get; }
    /// <summary>Whether the account is active.</summary>
    public CdmField Active { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}
