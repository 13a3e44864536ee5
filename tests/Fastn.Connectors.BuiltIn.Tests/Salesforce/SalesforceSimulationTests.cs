using System.Text.Json.Nodes;
using Fastn.Sandbox.Vendors.Salesforce;

namespace Fastn.Connectors.BuiltIn.Tests.Salesforce;

/// <summary>The simulation's parts on their own: seeding, record ids, SOQL.</summary>
public sealed class SalesforceSimulationTests
{
    [Fact]
    public void Org_Seeded_HasTheFixedRecordCounts()
    {
        var org = new SalesforceOrg(TimeProvider.System);

        org.All(SalesforceSchema.Contact).Count.ShouldBe(SalesforceSeeder.Contacts);
        org.All(SalesforceSchema.Account).Count.ShouldBe(SalesforceSeeder.Accounts);
        org.All(SalesforceSchema.Lead).Count.ShouldBe(SalesforceSeeder.Leads);
        org.All(SalesforceSchema.Opportunity).Count.ShouldBe(SalesforceSeeder.Opportunities);
        new SalesforceOrg(TimeProvider.System).All(SalesforceSchema.Contact)[0]["Email"]!.GetValue<string>()
            .ShouldBe(org.All(SalesforceSchema.Contact)[0]["Email"]!.GetValue<string>());
    }

    [Fact]
    public void Delete_Contact_LeavesTheOrgAndEntersTheDeletedFeed()
    {
        var org = new SalesforceOrg(TimeProvider.System);
        var id = org.All(SalesforceSchema.Contact)[0]["Id"]!.GetValue<string>();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        org.Delete(SalesforceSchema.Contact, id).ShouldBeTrue();

        org.Find(id).ShouldBeNull();
        org.All(SalesforceSchema.Contact).Count.ShouldBe(SalesforceSeeder.Contacts - 1);
        org.Deleted(SalesforceSchema.Contact, before, DateTimeOffset.UtcNow.AddMinutes(1)).Select(d => d.Id).ShouldBe([id]);
        org.Deleted(SalesforceSchema.Account, before, DateTimeOffset.UtcNow.AddMinutes(1)).ShouldBeEmpty();
        org.Delete(SalesforceSchema.Contact, id).ShouldBeFalse();
    }

    [Theory]
    [InlineData("001300000000HBj", "001300000000HBjAAM")]
    [InlineData("0035g00000XyZaB", "0035g00000XyZaBAAV")]
    public void To18_KnownIds_AddsTheCaseSafeChecksum(string id15, string id18) => SalesforceIds.To18(id15).ShouldBe(id18);

    [Fact]
    public void Soql_WhereOrderLimit_FiltersSortsAndPages()
    {
        var org = new SalesforceOrg(TimeProvider.System);
        var all = org.All(SalesforceSchema.Contact);
        var pivot = all.OrderBy(r => r["SystemModstamp"]!.GetValue<string>(), StringComparer.Ordinal).ElementAt(100)["SystemModstamp"]!.GetValue<string>();
        var since = SalesforceSoql.ParseStamp(JsonValue.Create(pivot))!.Value;

        var query = SalesforceSoql.Parse($"SELECT Id, Account.Name FROM Contact WHERE SystemModstamp > {since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} ORDER BY SystemModstamp, Id LIMIT 10");
        var rows = SalesforceSoql.Run(query, all);

        rows.Count.ShouldBe(10);
        rows.ShouldAllBe(r => string.CompareOrdinal(r["SystemModstamp"]!.GetValue<string>(), pivot) > 0);
        rows.Select(r => r["SystemModstamp"]!.GetValue<string>()).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("SELECT Nope FROM Contact", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Widget", "INVALID_TYPE")]
    [InlineData("SELEC Id FROM Contact", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Contact WHERE Email ~ 'x'", "MALFORMED_QUERY")]
    public void Soql_Invalid_ThrowsSalesforceErrorCode(string soql, string errorCode) =>
        Should.Throw<SoqlException>(() => SalesforceSoql.Parse(soql)).ErrorCode.ShouldBe(errorCode);

    [Fact]
    public void Soql_StringLiteralWithSpacesAndLike_Matches()
    {
        var org = new SalesforceOrg(TimeProvider.System);
        var name = org.All(SalesforceSchema.Account)[0]["Name"]!.GetValue<string>();

        var rows = SalesforceSoql.Run(SalesforceSoql.Parse($"SELECT Id FROM Account WHERE Name = '{name.Replace("'", "\\'", StringComparison.Ordinal)}'"), org.All(SalesforceSchema.Account));
        var like = SalesforceSoql.Run(SalesforceSoql.Parse($"SELECT Id FROM Account WHERE Name LIKE '{name[..3].Replace("'", "\\'", StringComparison.Ordinal)}%'"), org.All(SalesforceSchema.Account));

        rows.Count.ShouldBe(1);
        like.ShouldContain(r => r["Name"]!.GetValue<string>() == name);
    }
}
