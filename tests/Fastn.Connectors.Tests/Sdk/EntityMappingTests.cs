using System.Text.Json.Nodes;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.Tests.Sdk;

public sealed class EntityMappingTests
{
    public sealed record Person(string Id, string? Email, string? FullName, string? Status, PersonAddress? Address);

    public sealed record PersonAddress(string? City);

    private static EntityDefinition Entity() => Define.Entity<Person>("person", CdmCatalog.Contact, e => e
        .Id(p => p.Id)
        .Map(p => p.Id, CdmCatalog.Contact.Id)
        .Map(p => p.Email, CdmCatalog.Contact.Email, (string? v) => v?.ToLowerInvariant(), (string? v) => v?.ToUpperInvariant())
        .Map(p => p.Address!.City, CdmCatalog.Contact.Company)
        .Split(p => p.FullName,
            [
                (CdmCatalog.Contact.FirstName, name => name?.Split(' ', 2)[0]),
                (CdmCatalog.Contact.LastName, name => name?.Split(' ', 2) is [_, var last] ? last : null),
            ],
            cdm => $"{cdm.Get<string>(CdmCatalog.Contact.FirstName)} {cdm.Get<string>(CdmCatalog.Contact.LastName)}".Trim()));

    [Fact]
    public void ToCdm_NativeRecord_MapsCopiesTransformsAndSplits()
    {
        var native = JsonNode.Parse("""{"id":"p1","email":"Ada@Example.COM","fullName":"Ada King Lovelace","address":{"city":"London"}}""")!.AsObject();

        var cdm = Entity().ToCdm(native);

        JsonNode.DeepEquals(cdm, JsonNode.Parse("""{"id":"p1","email":"ada@example.com","company":"London","firstName":"Ada","lastName":"King Lovelace"}""")).ShouldBeTrue(cdm.ToJsonString());
    }

    [Fact]
    public void ToCdm_SingleWordName_LeavesLastNameOut()
    {
        var cdm = Entity().ToCdm(JsonNode.Parse("""{"id":"p2","fullName":"Plato"}""")!.AsObject());

        cdm["firstName"]!.GetValue<string>().ShouldBe("Plato");
        cdm.ContainsKey("lastName").ShouldBeFalse();
        cdm.ContainsKey("email").ShouldBeFalse();
    }

    [Fact]
    public void FromCdm_CdmRecord_JoinsNameAppliesReverseTransformAndNestsPath()
    {
        var cdm = JsonNode.Parse("""{"id":"p1","email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","company":"London"}""")!.AsObject();

        var native = Entity().FromCdm(cdm);

        JsonNode.DeepEquals(native, JsonNode.Parse("""{"id":"p1","email":"ADA@EXAMPLE.COM","address":{"city":"London"},"fullName":"Ada Lovelace"}""")).ShouldBeTrue(native.ToJsonString());
    }

    [Fact]
    public void FromCdm_ReadOnlyTransform_IsSkipped()
    {
        var entity = Define.Entity<Person>("person", CdmCatalog.Contact, e => e
            .Id(p => p.Id)
            .Map(p => p.Status, CdmCatalog.Contact.Tags, (string? s) => s is null ? null : new[] { s }));

        var native = entity.FromCdm(JsonNode.Parse("""{"tags":["vip"]}""")!.AsObject());

        native.Count.ShouldBe(0);
        entity.ToCdm(JsonNode.Parse("""{"id":"x","status":"vip"}""")!.AsObject())["tags"]!.ToJsonString().ShouldBe("""["vip"]""");
    }

    [Fact]
    public void CdmCoverage_MappedFields_RatioIsMappedOverAll()
    {
        var coverage = CdmCoverage.Of(Entity())!;
        var total = CdmCatalog.Contact.Fields.Count;

        coverage.Mapped.ShouldBe(["id", "email", "firstName", "lastName", "company"], ignoreOrder: true);
        coverage.Ratio.ShouldBe(5.0 / total, 1e-9);
        coverage.MissingRequired.ShouldBeEmpty();
        coverage.Unmapped.Count.ShouldBe(total - 5);
    }

    [Fact]
    public void CdmCoverage_WithoutRequiredId_ListsMissingRequired()
    {
        var entity = Define.Entity<Person>("person", CdmCatalog.Contact, e => e.Id(p => p.Id).Map(p => p.Email, CdmCatalog.Contact.Email));

        var coverage = CdmCoverage.Of(entity)!;

        coverage.MissingRequired.ShouldBe(["id"]);
        coverage.Ratio.ShouldBe(1.0 / CdmCatalog.Contact.Fields.Count, 1e-9);
    }

    public sealed record Payment(string Id, long Amount, string? Currency);

    [Fact]
    public void MapWithSecondField_ToCdmAndBack_TransformSeesTheRecordsOtherField()
    {
        var entity = Define.Entity<Payment>("payment", CdmCatalog.Payment, e => e
            .Id(p => p.Id)
            .Map(p => p.Currency, CdmCatalog.Payment.Currency)
            .Map(p => p.Amount, p => p.Currency, CdmCatalog.Payment.Amount,
                (minor, currency) => currency == "jpy" ? minor : minor / 100m,
                (major, cdm) => cdm.Get<string>(CdmCatalog.Payment.Currency) == "jpy" ? (long)major : (long)(major * 100)));

        var yen = entity.ToCdm(JsonNode.Parse("""{"id":"p1","amount":500,"currency":"jpy"}""")!.AsObject());
        var dollars = entity.ToCdm(JsonNode.Parse("""{"id":"p2","amount":500,"currency":"usd"}""")!.AsObject());
        var back = entity.FromCdm(JsonNode.Parse("""{"amount":500,"currency":"jpy"}""")!.AsObject());

        yen["amount"]!.GetValue<decimal>().ShouldBe(500m);
        dollars["amount"]!.GetValue<decimal>().ShouldBe(5m);
        back["amount"]!.GetValue<long>().ShouldBe(500);
    }
}
