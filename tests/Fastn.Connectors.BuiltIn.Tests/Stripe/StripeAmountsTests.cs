using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Stripe;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>Stripe amounts are in the currency's minor unit; the CDM gets major units by Stripe's own list of currencies.</summary>
public sealed class StripeAmountsTests
{
    [Theory]
    [InlineData("usd", 1250, "12.5")]
    [InlineData("eur", 99, "0.99")]
    [InlineData("jpy", 1250, "1250")]
    [InlineData("krw", 50000, "50000")]
    [InlineData("vnd", 20000, "20000")]
    [InlineData("xof", 700, "700")]
    [InlineData("kwd", 5120, "5.12")]
    [InlineData("isk", 500, "5")]
    [InlineData("huf", 1000, "10")]
    [InlineData("twd", 1000, "10")]
    public void PaymentIntentEntity_ToCdm_DividesByTheCurrencysMinorUnits(string currency, long amount, string expected)
    {
        var native = new JsonObject { ["id"] = "pi_1", ["amount"] = amount, ["currency"] = currency, ["status"] = "succeeded", ["created"] = 1700000000 };

        var cdm = StripeConnector.Definition.FindEntity("payment_intent")!.ToCdm(native);

        cdm["amount"]!.GetValue<decimal>().ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        cdm["currency"]!.GetValue<string>().ShouldBe(currency.ToUpperInvariant());
    }

    [Fact]
    public void ChargeEntity_ToCdmInYen_KeepsAmountAndRefundedAmountWhole()
    {
        var native = new JsonObject { ["id"] = "ch_1", ["amount"] = 3000, ["amount_refunded"] = 1000, ["currency"] = "jpy", ["status"] = "succeeded", ["created"] = 1700000000 };

        var cdm = StripeConnector.Definition.FindEntity("charge")!.ToCdm(native);

        cdm["amount"]!.GetValue<decimal>().ShouldBe(3000m);
        cdm["refundedAmount"]!.GetValue<decimal>().ShouldBe(1000m);
    }

    [Fact]
    public void InvoiceEntity_ToCdmInWon_KeepsTotalsAndLineAmountsWhole()
    {
        var native = JsonNode.Parse("""
            {"id":"in_1","customer":"cus_1","currency":"krw","status":"open","subtotal":12000,"tax":1200,"total":13200,
             "amount_due":13200,"amount_paid":0,"created":1700000000,
             "lines":{"object":"list","data":[{"id":"il_1","amount":12000,"currency":"krw","quantity":3,
               "price":{"id":"price_1","unit_amount":4000,"currency":"krw"},"tax_amounts":[{"amount":1200}]}]}}
            """)!.AsObject();

        var cdm = StripeConnector.Definition.FindEntity("invoice")!.ToCdm(native);

        cdm["total"]!.GetValue<decimal>().ShouldBe(13200m);
        cdm["subtotal"]!.GetValue<decimal>().ShouldBe(12000m);
        cdm["tax"]!.GetValue<decimal>().ShouldBe(1200m);
        var line = cdm["lineItems"]!.AsArray().ShouldHaveSingleItem()!;
        line["unitPrice"]!.GetValue<decimal>().ShouldBe(4000m);
        line["amount"]!.GetValue<decimal>().ShouldBe(12000m);
        line["taxAmount"]!.GetValue<decimal>().ShouldBe(1200m);
    }

    [Theory]
    [InlineData("JPY", "500", 500)]
    [InlineData("USD", "5", 500)]
    [InlineData("KWD", "5.12", 5120)]
    public void PaymentIntentEntity_FromCdm_MultipliesByTheCurrencysMinorUnits(string currency, string amount, long expected)
    {
        var cdm = new JsonObject { ["amount"] = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), ["currency"] = currency };

        var native = StripeConnector.Definition.FindEntity("payment_intent")!.FromCdm(cdm);

        native["amount"]!.GetValue<long>().ShouldBe(expected);
        native["currency"]!.GetValue<string>().ShouldBe(currency.ToLowerInvariant());
    }
}
