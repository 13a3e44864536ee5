using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Xero;
using Fastn.Connectors.Capabilities;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>The CDM mappings of the Xero entities: coverage as stated in the README, and values converted from Xero's formats.</summary>
public sealed class XeroCdmTests
{
    [Theory]
    [InlineData("contact", "CDMContact", 9, 11)]
    [InlineData("invoice", "CDMInvoice", 14, 15)]
    [InlineData("item", "CDMProduct", 7, 12)]
    public void Coverage_OfEachEntity_IsWhatTheReadmeStates(string entity, string cdm, int mapped, int total)
    {
        var coverage = CdmCoverage.Of(XeroConnector.Definition.FindEntity(entity).ShouldNotBeNull()).ShouldNotBeNull();

        coverage.CdmEntity.ShouldBe(cdm);
        coverage.Mapped.Count.ShouldBe(mapped);
        (coverage.Mapped.Count + coverage.Unmapped.Count).ShouldBe(total);
        coverage.MissingRequired.ShouldBeEmpty();
    }

    [Fact]
    public void InvoiceMapping_XeroInvoice_BecomesCdmInvoiceWithDatesStatusAndLines()
    {
        var entity = XeroConnector.Definition.FindEntity("invoice")!;
        var native = JsonNode.Parse("""
            {"InvoiceID":"i1","InvoiceNumber":"INV-0002","Status":"AUTHORISED","CurrencyCode":"NZD","Contact":{"ContactID":"c1","Name":"A"},
             "Date":"/Date(1539993600000+0000)/","DueDate":"/Date(1546128000000+0000)/","UpdatedDateUTC":"/Date(1541176592690+0000)/",
             "LineItems":[{"Description":"Tyres","Quantity":2,"UnitAmount":20,"LineAmount":40,"TaxAmount":6}],"SubTotal":40,"TotalTax":6,"Total":46,"AmountDue":46,"AmountPaid":0}
            """)!.AsObject();

        var cdm = Map(entity, native);

        cdm["id"]!.GetValue<string>().ShouldBe("i1");
        cdm["customerId"]!.GetValue<string>().ShouldBe("c1");
        cdm["status"]!.GetValue<string>().ShouldBe("open");
        cdm["issueDate"]!.GetValue<string>().ShouldBe("2018-10-20");
        cdm["dueDate"]!.GetValue<string>().ShouldBe("2018-12-30");
        cdm["total"]!.GetValue<decimal>().ShouldBe(46m);
        cdm["lineItems"]![0]!["unitPrice"]!.GetValue<decimal>().ShouldBe(20m);
        DateTimeOffset.Parse(cdm["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1541176592690));
    }

    [Fact]
    public void ContactMapping_XeroContact_BecomesCdmContactWithPhoneAddressAndTags()
    {
        var entity = XeroConnector.Definition.FindEntity("contact")!;
        var native = JsonNode.Parse("""
            {"ContactID":"c1","Name":"Bayside Club","FirstName":"Bob","LastName":"Partridge","EmailAddress":"bob@bayside.co",
             "Phones":[{"PhoneType":"MOBILE","PhoneNumber":""},{"PhoneType":"DEFAULT","PhoneNumber":"847-1294","PhoneAreaCode":"626","PhoneCountryCode":"1"}],
             "Addresses":[{"AddressType":"POBOX","AddressLine1":"P O Box 123","City":"Oaktown","PostalCode":"OK12 3TN","Country":"UK"},{"AddressType":"STREET","City":""}],
             "ContactGroups":[{"Name":"VIP"}],"UpdatedDateUTC":"/Date(1503348546760+0000)/"}
            """)!.AsObject();

        var cdm = Map(entity, native);

        cdm["company"]!.GetValue<string>().ShouldBe("Bayside Club");
        cdm["phone"]!.GetValue<string>().ShouldBe("+1 626 847-1294");
        cdm["addresses"]!.AsArray().Count.ShouldBe(1);
        cdm["addresses"]![0]!["type"]!.GetValue<string>().ShouldBe("billing");
        cdm["addresses"]![0]!["postalCode"]!.GetValue<string>().ShouldBe("OK12 3TN");
        cdm["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["VIP"]);
    }

    private static JsonObject Map(Fastn.Connectors.Entities.EntityDefinition entity, JsonObject native) => entity.ToCdm(native);
}
