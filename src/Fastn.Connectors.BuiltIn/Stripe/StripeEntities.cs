using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Stripe.Models;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;
using Fastn.Connectors.Entities;

namespace Fastn.Connectors.BuiltIn.Stripe;

/// <summary>
/// Stripe's records mapped to the CDM. Stripe amounts are integers in the currency's minor unit and the CDM's are
/// major units, so amounts go through <see cref="StripeAmounts"/> with their record's currency (÷100, ÷1 for
/// zero-decimal currencies such as JPY, ÷1000 for three-decimal ones such as KWD); times are Unix seconds.
/// </summary>
internal static class StripeEntities
{
    public static EntityDefinition Customer(JsonSerializerOptions json) =>
        Define.Entity<StripeCustomer>("customer", CdmCatalog.Contact, e => e
            .Native("customer")
            .Id(c => c.Id)
            .ListedBy<ListCustomersInput, StripeCustomerList>("list_customers",
                request => new ListCustomersInput { Limit = request.Limit, Email = request.Filter(CdmCatalog.Contact.Email) },
                page => page.Data,
                (input, page) => page.HasMore && page.Data.Count > 0 ? input with { StartingAfter = page.Data[^1].Id } : null,
                CdmCatalog.Contact.Email)
            .Supports(EntityOperations.Get, "get_customer")
            .CreatedBy<CreateCustomerInput, StripeCustomer>("create_customer", c => new CreateCustomerInput
            {
                Email = c.Get<string>(CdmCatalog.Contact.Email),
                Name = JoinName(c.Get<string>(CdmCatalog.Contact.FirstName), c.Get<string>(CdmCatalog.Contact.LastName)),
                Phone = c.Get<string>(CdmCatalog.Contact.Phone),
            })
            .UpdatedBy<UpdateCustomerInput, StripeCustomer>("update_customer", (id, c) => new UpdateCustomerInput
            {
                Id = id,
                Email = c.Get<string>(CdmCatalog.Contact.Email),
                Name = JoinName(c.Get<string>(CdmCatalog.Contact.FirstName), c.Get<string>(CdmCatalog.Contact.LastName)),
                Phone = c.Get<string>(CdmCatalog.Contact.Phone),
            })
            .Supports(EntityOperations.Delete, "delete_customer")
            .Map(c => c.Id, CdmCatalog.Contact.Id)
            .Map(c => c.Email, CdmCatalog.Contact.Email)
            .Split(c => c.Name,
                [(CdmCatalog.Contact.FirstName, name => SplitName(name).First), (CdmCatalog.Contact.LastName, name => SplitName(name).Last)],
                record => JoinName(record.Get<string>(CdmCatalog.Contact.FirstName), record.Get<string>(CdmCatalog.Contact.LastName)))
            .Map(c => c.Phone, CdmCatalog.Contact.Phone)
            .Map(c => c.Address, CdmCatalog.Contact.Addresses, ToAddresses, FromAddresses)
            .Map(c => c.Metadata, CdmCatalog.Contact.CustomFields)
            .Map(c => c.Created, CdmCatalog.Contact.CreatedAt, ToTime, FromTime), json);

    public static EntityDefinition PaymentIntent(JsonSerializerOptions json) =>
        Define.Entity<StripePaymentIntent>("payment_intent", CdmCatalog.Payment, e => e
            .Native("payment_intent")
            .Id(p => p.Id)
            .Supports(EntityOperations.Get, "get_payment_intent")
            .Supports(EntityOperations.Create, "create_payment_intent")
            .Map(p => p.Id, CdmCatalog.Payment.Id)
            .Map(p => p.Amount, p => p.Currency, CdmCatalog.Payment.Amount, ToMajor, PaymentToMinor)
            .Map(p => p.Currency, CdmCatalog.Payment.Currency, ToIsoCurrency, FromIsoCurrency)
            .Map(p => p.Status, CdmCatalog.Payment.Status, PaymentIntentStatus)
            .Map(p => p.PaymentMethodTypes, CdmCatalog.Payment.Method, types => types?.FirstOrDefault())
            .Map(p => p.Customer, CdmCatalog.Payment.CustomerId)
            .Map(p => p.Invoice, CdmCatalog.Payment.InvoiceId)
            .Map(p => p.Description, CdmCatalog.Payment.PaymentDescription)
            .Map(p => p.Created, CdmCatalog.Payment.CreatedAt, ToTime, FromTime), json);

    public static EntityDefinition Charge(JsonSerializerOptions json) =>
        Define.Entity<StripeCharge>("charge", CdmCatalog.Payment, e => e
            .Native("charge")
            .Id(c => c.Id)
            .Supports(EntityOperations.List, "list_charges")
            .Map(c => c.Id, CdmCatalog.Payment.Id)
            .Map(c => c.Amount, c => c.Currency, CdmCatalog.Payment.Amount, ToMajor, PaymentToMinor)
            .Map(c => c.Currency, CdmCatalog.Payment.Currency, ToIsoCurrency, FromIsoCurrency)
            .Map(c => c.Status, CdmCatalog.Payment.Status, ChargeStatus)
            .Map(c => c.PaymentMethodDetails!.Type, CdmCatalog.Payment.Method)
            .Map(c => c.Customer, CdmCatalog.Payment.CustomerId)
            .Map(c => c.Invoice, CdmCatalog.Payment.InvoiceId)
            .Map(c => c.Description, CdmCatalog.Payment.PaymentDescription)
            .Map(c => c.AmountRefunded, c => c.Currency, CdmCatalog.Payment.RefundedAmount, ToMajor, PaymentToMinor)
            .Map(c => c.Created, CdmCatalog.Payment.CreatedAt, ToTime, FromTime), json);

    public static EntityDefinition Invoice(JsonSerializerOptions json) =>
        Define.Entity<StripeInvoice>("invoice", CdmCatalog.Invoice, e => e
            .Native("invoice")
            .Id(i => i.Id)
            .Supports(EntityOperations.Get, "get_invoice")
            .Supports(EntityOperations.Create, "create_invoice")
            .Map(i => i.Id, CdmCatalog.Invoice.Id)
            .Map(i => i.Number, CdmCatalog.Invoice.Number)
            .Map(i => i.Customer, CdmCatalog.Invoice.CustomerId)
            .Map(i => i.Status, CdmCatalog.Invoice.Status)
            .Map(i => i.Currency, CdmCatalog.Invoice.Currency, ToIsoCurrency, FromIsoCurrency)
            .Map(i => i.Lines, i => i.Currency, CdmCatalog.Invoice.LineItems, ToLineItems)
            .Map(i => i.Subtotal, i => i.Currency, CdmCatalog.Invoice.Subtotal, ToMajor, InvoiceToMinor)
            .Map(i => i.Tax, i => i.Currency, CdmCatalog.Invoice.Tax, ToMajor, InvoiceToMinor)
            .Map(i => i.Total, i => i.Currency, CdmCatalog.Invoice.Total, ToMajor, InvoiceToMinor)
            .Map(i => i.AmountDue, i => i.Currency, CdmCatalog.Invoice.AmountDue, ToMajor, InvoiceToMinor)
            .Map(i => i.AmountPaid, i => i.Currency, CdmCatalog.Invoice.AmountPaid, ToMajor, InvoiceToMinor)
            .Map(i => i.StatusTransitions!.FinalizedAt, CdmCatalog.Invoice.IssueDate, ToDate)
            .Map(i => i.DueDate, CdmCatalog.Invoice.DueDate, ToDate)
            .Map(i => i.Created, CdmCatalog.Invoice.CreatedAt, ToTime, FromTime), json);

    internal static (string? First, string? Last) SplitName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, null);
        }

        var at = trimmed.LastIndexOf(' ');
        return at < 0 ? (trimmed, null) : (trimmed[..at].TrimEnd(), trimmed[(at + 1)..]);
    }

    internal static string? JoinName(string? first, string? last)
    {
        var joined = string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? null : joined;
    }

    // Amounts are converted with their record's currency (StripeAmounts has the one rule); back from the CDM, with the CDM record's.
    private static decimal ToMajor(long minor, string? currency) => StripeAmounts.ToMajor(minor, currency);

    private static decimal? ToMajor(long? minor, string? currency) => StripeAmounts.ToMajor(minor, currency);

    private static long PaymentToMinor(decimal major, CdmRecord record) => StripeAmounts.ToMinor(major, record.Get<string>(CdmCatalog.Payment.Currency));

    private static long? PaymentToMinor(decimal? major, CdmRecord record) => StripeAmounts.ToMinor(major, record.Get<string>(CdmCatalog.Payment.Currency));

    private static long InvoiceToMinor(decimal major, CdmRecord record) => StripeAmounts.ToMinor(major, record.Get<string>(CdmCatalog.Invoice.Currency));

    private static long? InvoiceToMinor(decimal? major, CdmRecord record) => StripeAmounts.ToMinor(major, record.Get<string>(CdmCatalog.Invoice.Currency));

    private static string? ToIsoCurrency(string? currency) => currency?.ToUpperInvariant();

    private static string? FromIsoCurrency(string? currency) => currency?.ToLowerInvariant();

    private static DateTimeOffset? ToTime(long unix) => unix == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(unix);

    private static long FromTime(DateTimeOffset? time) => time?.ToUnixTimeSeconds() ?? 0;

    private static DateOnly? ToDate(long? unix) => unix is { } u ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(u).UtcDateTime) : null;

    internal static string? PaymentIntentStatus(string? status) => status switch
    {
        "succeeded" => "succeeded",
        "canceled" => "cancelled",
        null => null,
        _ => "pending",
    };

    private static string? ChargeStatus(string? status) => status switch
    {
        "succeeded" => "succeeded",
        "failed" => "failed",
        null => null,
        _ => "pending",
    };

    private static JsonArray? ToAddresses(StripeAddress? address) => address is null ? null :
    [
        new JsonObject
        {
            ["type"] = "billing",
            ["line1"] = address.Line1,
            ["line2"] = address.Line2,
            ["city"] = address.City,
            ["region"] = address.State,
            ["postalCode"] = address.PostalCode,
            ["country"] = address.Country,
        },
    ];

    private static StripeAddress? FromAddresses(JsonArray? addresses) =>
        addresses?.OfType<JsonObject>().OrderBy(a => a["type"]?.GetValue<string>() == "billing" ? 0 : 1).FirstOrDefault() is { } a
            ? new StripeAddress
            {
                Line1 = Text(a, "line1"),
                Line2 = Text(a, "line2"),
                City = Text(a, "city"),
                State = Text(a, "region"),
                PostalCode = Text(a, "postalCode"),
                Country = Text(a, "country"),
            }
            : null;

    // A line's own currency is its invoice's; the invoice's is the fallback when the line leaves it out.
    private static JsonArray? ToLineItems(StripeInvoiceLineList? lines, string? currency) => lines is null ? null :
    [
        .. lines.Data.Select(l => (JsonNode)new JsonObject
        {
            ["description"] = l.Description,
            ["quantity"] = l.Quantity,
            ["unitPrice"] = ToMajor(l.Price?.UnitAmount, l.Price?.Currency ?? l.Currency ?? currency),
            ["amount"] = ToMajor(l.Amount, l.Currency ?? currency),
            ["taxAmount"] = ToMajor(l.TaxAmounts?.Sum(t => t.Amount), l.Currency ?? currency),
        }),
    ];

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
