using System.Globalization;
using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.Xero;

/// <summary>A simulated Xero organisation (tenant) and its records.</summary>
internal sealed class SimOrganisation
{
    public required string TenantId { get; init; }

    public required string Name { get; init; }

    public required string ShortCode { get; init; }

    public required string BaseCurrency { get; init; }

    public required string CountryCode { get; init; }

    public required string Version { get; init; }

    public required string Timezone { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public List<SimContact> Contacts { get; } = [];

    public List<SimInvoice> Invoices { get; } = [];

    public List<SimAccount> Accounts { get; } = [];

    public List<SimItem> Items { get; } = [];

    public int NextInvoiceNumber { get; set; } = 1;

    public JsonObject ToJson() => new()
    {
        ["OrganisationID"] = TenantId,
        ["Name"] = Name,
        ["LegalName"] = Name,
        ["PaysTax"] = true,
        ["Version"] = Version,
        ["OrganisationType"] = "COMPANY",
        ["BaseCurrency"] = BaseCurrency,
        ["CountryCode"] = CountryCode,
        ["IsDemoCompany"] = false,
        ["OrganisationStatus"] = "ACTIVE",
        ["FinancialYearEndDay"] = 31,
        ["FinancialYearEndMonth"] = 3,
        ["SalesTaxBasis"] = "ACCRUALS",
        ["SalesTaxPeriod"] = "TWOMONTHS",
        ["DefaultSalesTax"] = "Tax Exclusive",
        ["DefaultPurchasesTax"] = "Tax Inclusive",
        ["CreatedDateUTC"] = XeroWire.Date(CreatedAt),
        ["OrganisationEntityType"] = "COMPANY",
        ["Timezone"] = Timezone,
        ["ShortCode"] = ShortCode,
        ["Edition"] = "BUSINESS",
        ["Class"] = "PREMIUM",
        ["Addresses"] = new JsonArray(),
        ["Phones"] = new JsonArray(),
        ["ExternalLinks"] = new JsonArray(),
        ["PaymentTerms"] = new JsonObject(),
    };
}

internal sealed class SimContact
{
    public required string ContactId { get; init; }

    public string? ContactNumber { get; set; }

    public string? AccountNumber { get; set; }

    public string ContactStatus { get; set; } = "ACTIVE";

    public required string Name { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? EmailAddress { get; set; }

    public string? Website { get; set; }

    public string? TaxNumber { get; set; }

    public string? DefaultCurrency { get; set; }

    public JsonArray Addresses { get; set; } = [];

    public JsonArray Phones { get; set; } = [];

    public List<string> Groups { get; } = [];

    public bool IsSupplier { get; set; }

    public bool IsCustomer { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["ContactID"] = ContactId };
        Add(json, "ContactNumber", ContactNumber);
        Add(json, "AccountNumber", AccountNumber);
        json["ContactStatus"] = ContactStatus;
        json["Name"] = Name;
        Add(json, "FirstName", FirstName);
        Add(json, "LastName", LastName);
        Add(json, "EmailAddress", EmailAddress);
        Add(json, "Website", Website);
        Add(json, "TaxNumber", TaxNumber);
        Add(json, "DefaultCurrency", DefaultCurrency);
        json["Addresses"] = Addresses.DeepClone();
        json["Phones"] = Phones.DeepClone();
        json["UpdatedDateUTC"] = XeroWire.Date(UpdatedAt);
        json["ContactGroups"] = new JsonArray([.. Groups.Select((g, i) => (JsonNode)new JsonObject
        {
            ["ContactGroupID"] = XeroWire.StableGuid("group:" + g),
            ["Name"] = g,
            ["Status"] = "ACTIVE",
        })]);
        json["IsSupplier"] = IsSupplier;
        json["IsCustomer"] = IsCustomer;
        json["ContactPersons"] = new JsonArray();
        json["HasAttachments"] = false;
        json["HasValidationErrors"] = false;
        return json;
    }

    /// <summary>The short form Xero embeds in invoices.</summary>
    public JsonObject ToSummaryJson() => new()
    {
        ["ContactID"] = ContactId,
        ["Name"] = Name,
        ["Addresses"] = new JsonArray(),
        ["Phones"] = new JsonArray(),
        ["ContactGroups"] = new JsonArray(),
        ["ContactPersons"] = new JsonArray(),
        ["HasValidationErrors"] = false,
    };

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}

internal sealed class SimLine
{
    public required string LineItemId { get; init; }

    public required string Description { get; init; }

    public decimal Quantity { get; init; }

    public decimal UnitAmount { get; init; }

    public string? ItemCode { get; init; }

    public string AccountCode { get; init; } = "200";

    public string TaxType { get; init; } = "OUTPUT2";

    public decimal DiscountRate { get; init; }

    public decimal LineAmount => Math.Round(Quantity * UnitAmount * (1 - (DiscountRate / 100m)), 2);

    public decimal TaxRate => TaxType is "NONE" or "EXEMPTOUTPUT" or "EXEMPTINPUT" ? 0m : 0.15m;

    public decimal TaxAmount(string lineAmountTypes) => lineAmountTypes switch
    {
        "NoTax" => 0m,
        "Inclusive" => Math.Round(LineAmount - (LineAmount / (1 + TaxRate)), 2),
        _ => Math.Round(LineAmount * TaxRate, 2),
    };

    public JsonObject ToJson(string lineAmountTypes)
    {
        var json = new JsonObject
        {
            ["LineItemID"] = LineItemId,
            ["Description"] = Description,
            ["Quantity"] = Quantity,
            ["UnitAmount"] = UnitAmount,
            ["TaxType"] = TaxType,
            ["TaxAmount"] = TaxAmount(lineAmountTypes),
            ["LineAmount"] = LineAmount,
            ["AccountCode"] = AccountCode,
            ["Tracking"] = new JsonArray(),
        };
        if (ItemCode is not null)
        {
            json["ItemCode"] = ItemCode;
        }

        if (DiscountRate != 0)
        {
            json["DiscountRate"] = DiscountRate;
        }

        return json;
    }
}

internal sealed class SimInvoice
{
    public required string InvoiceId { get; init; }

    public required string Type { get; init; }

    public required string InvoiceNumber { get; init; }

    public string? Reference { get; init; }

    public required SimContact Contact { get; init; }

    public required DateOnly Date { get; init; }

    public DateOnly? DueDate { get; init; }

    public string Status { get; set; } = "DRAFT";

    public string LineAmountTypes { get; init; } = "Exclusive";

    public required List<SimLine> Lines { get; init; }

    public required string CurrencyCode { get; init; }

    public decimal AmountPaid { get; set; }

    public DateOnly? FullyPaidOn { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public decimal SubTotal => LineAmountTypes == "Inclusive" ? Lines.Sum(l => l.LineAmount - l.TaxAmount(LineAmountTypes)) : Lines.Sum(l => l.LineAmount);

    public decimal TotalTax => Lines.Sum(l => l.TaxAmount(LineAmountTypes));

    public decimal Total => SubTotal + TotalTax;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["Type"] = Type,
            ["InvoiceID"] = InvoiceId,
            ["InvoiceNumber"] = InvoiceNumber,
            ["Reference"] = Reference ?? "",
            ["Payments"] = new JsonArray(),
            ["CreditNotes"] = new JsonArray(),
            ["Prepayments"] = new JsonArray(),
            ["Overpayments"] = new JsonArray(),
            ["AmountDue"] = Status is "VOIDED" or "DELETED" ? 0m : Total - AmountPaid,
            ["AmountPaid"] = AmountPaid,
            ["AmountCredited"] = 0m,
            ["CurrencyRate"] = 1m,
            ["IsDiscounted"] = false,
            ["HasAttachments"] = false,
            ["HasErrors"] = false,
            ["Contact"] = Contact.ToSummaryJson(),
            ["Date"] = XeroWire.Date(Date),
            ["Status"] = Status,
            ["LineAmountTypes"] = LineAmountTypes,
            ["LineItems"] = new JsonArray([.. Lines.Select(l => (JsonNode)l.ToJson(LineAmountTypes))]),
            ["SubTotal"] = SubTotal,
            ["TotalTax"] = TotalTax,
            ["Total"] = Total,
            ["UpdatedDateUTC"] = XeroWire.Date(UpdatedAt),
            ["CurrencyCode"] = CurrencyCode,
            ["SentToContact"] = Status is "AUTHORISED" or "PAID",
        };
        if (DueDate is { } due)
        {
            json["DueDate"] = XeroWire.Date(due);
        }

        if (FullyPaidOn is { } paid)
        {
            json["FullyPaidOnDate"] = XeroWire.Date(paid);
        }

        return json;
    }
}

internal sealed record SimAccount(string AccountId, string Code, string Name, string Type, string Class, string TaxType, string Description, DateTimeOffset UpdatedAt)
{
    public string? BankAccountNumber { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["AccountID"] = AccountId,
            ["Code"] = Code,
            ["Name"] = Name,
            ["Status"] = "ACTIVE",
            ["Type"] = Type,
            ["TaxType"] = TaxType,
            ["Description"] = Description,
            ["Class"] = Class,
            ["EnablePaymentsToAccount"] = Type == "BANK",
            ["ShowInExpenseClaims"] = Class == "EXPENSE",
            ["ReportingCode"] = Class[..3],
            ["HasAttachments"] = false,
            ["UpdatedDateUTC"] = XeroWire.Date(UpdatedAt),
            ["AddToWatchlist"] = false,
        };
        if (BankAccountNumber is not null)
        {
            json["BankAccountNumber"] = BankAccountNumber;
            json["BankAccountType"] = "BANK";
        }

        return json;
    }
}

internal sealed record SimItem(string ItemId, string Code, string Name, string Description, decimal SalesPrice, decimal PurchasePrice,
    bool Tracked, decimal QuantityOnHand, DateTimeOffset UpdatedAt)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["ItemID"] = ItemId,
            ["Code"] = Code,
            ["Name"] = Name,
            ["Description"] = Description,
            ["PurchaseDescription"] = Description,
            ["UpdatedDateUTC"] = XeroWire.Date(UpdatedAt),
            ["PurchaseDetails"] = new JsonObject { ["UnitPrice"] = PurchasePrice, ["AccountCode"] = "300", ["TaxType"] = "INPUT2" },
            ["SalesDetails"] = new JsonObject { ["UnitPrice"] = SalesPrice, ["AccountCode"] = "200", ["TaxType"] = "OUTPUT2" },
            ["IsTrackedAsInventory"] = Tracked,
            ["IsSold"] = true,
            ["IsPurchased"] = true,
        };
        if (Tracked)
        {
            json["InventoryAssetAccountCode"] = "630";
            json["TotalCostPool"] = Math.Round(QuantityOnHand * PurchasePrice, 2);
            json["QuantityOnHand"] = QuantityOnHand;
        }

        return json;
    }
}

/// <summary>Xero's wire details: MS JSON dates and stable GUIDs.</summary>
internal static class XeroWire
{
    public static string Date(DateTimeOffset instant) =>
        "/Date(" + instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "+0000)/";

    public static string Date(DateOnly date) => Date(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public static string StableGuid(string key)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
