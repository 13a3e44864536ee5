namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMDeal</c>: a sales opportunity tracked through a pipeline.</summary>
public sealed class CdmDealEntity : CdmEntity
{
    internal CdmDealEntity()
        : base("CDMDeal", "1.0.0", "A sales opportunity tracked through the stages of a pipeline.")
    {
        Id = Field("id", CdmFieldType.String, true, "The deal's id in the app it came from.");
        DealName = Field("name", CdmFieldType.String, true, "Deal or opportunity name.");
        Amount = Field("amount", CdmFieldType.Money, false, "Expected value of the deal in major units.");
        Currency = Field("currency", CdmFieldType.String, false, "ISO 4217 currency code of the amount.");
        Stage = Field("stage", CdmFieldType.String, false, "Current pipeline stage as named in the source app, e.g. \"Proposal sent\".");
        Pipeline = Field("pipeline", CdmFieldType.String, false, "Name or id of the pipeline the deal is in.");
        Probability = Field("probability", CdmFieldType.Decimal, false, "Estimated chance of winning, from 0 to 1.");
        CloseDate = Field("closeDate", CdmFieldType.Date, false, "Expected or actual close date.");
        CompanyId = Field("companyId", CdmFieldType.String, false, "Id of the associated company (a CDMCompany).");
        ContactIds = Field("contactIds", CdmFieldType.Array, false, "Ids of the associated contacts (CDMContact).", itemType: CdmFieldType.String);
        OwnerId = Field("ownerId", CdmFieldType.String, false, "Id of the user (a CDMUser) who owns the deal.");
        Status = Field("status", CdmFieldType.Enum, false, "Whether the deal is still open, won or lost.", enumValues: ["open", "won", "lost"]);
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The deal's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Deal name, JSON <c>name</c> (required); not called <c>Name</c>, which is the entity's own name.</summary>
    public CdmField DealName { get; }
    /// <summary>Expected value.</summary>
    public CdmField Amount { get; }
    /// <summary>Currency of the amount (ISO 4217).</summary>
    public CdmField Currency { get; }
    /// <summary>Pipeline stage.</summary>
    public CdmField Stage { get; }
    /// <summary>Pipeline name or id.</summary>
    public CdmField Pipeline { get; }
    /// <summary>Win probability, 0 to 1.</summary>
    public CdmField Probability { get; }
    /// <summary>Expected or actual close date.</summary>
    public CdmField CloseDate { get; }
    /// <summary>Associated company id.</summary>
    public CdmField CompanyId { get; }
    /// <summary>Associated contact ids.</summary>
    public CdmField ContactIds { get; }
    /// <summary>Owning user id.</summary>
    public CdmField OwnerId { get; }
    /// <summary>Outcome status: open, won or lost.</summary>
    public CdmField Status { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}
