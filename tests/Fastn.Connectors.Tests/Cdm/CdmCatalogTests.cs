using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.Cdm;
using Json.Schema;
using Catalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.Tests.Cdm;

public sealed partial class CdmCatalogTests
{
    public static TheoryData<string> EntityNames => [.. Catalog.All.Select(e => e.Name)];

    [Fact]
    public void All_V1Catalog_HasTwelveUniquelyNamedCdmEntities()
    {
        var names = Catalog.All.Select(e => e.Name).ToList();

        names.Count.ShouldBe(12);
        names.ShouldBeUnique();
        names.ShouldAllBe(n => n.StartsWith("CDM", StringComparison.Ordinal));
        names[0].ShouldBe("CDMContact");
        names.ShouldBe(
            ["CDMContact", "CDMProduct", "CDMOrder", "CDMInvoice", "CDMInventoryLevel", "CDMFulfillment",
             "CDMCompany", "CDMDeal", "CDMPayment", "CDMMessage", "CDMIssue", "CDMUser"],
            ignoreOrder: true);
    }

    [Fact]
    public void All_EveryEntity_IsVersionOneWithDescription()
    {
        foreach (var entity in Catalog.All)
        {
            entity.Version.ShouldBe("1.0.0", entity.Name);
            entity.Description.ShouldNotBeNullOrWhiteSpace(entity.Name);
        }
    }

    [Theory]
    [MemberData(nameof(EntityNames))]
    public void FindField_Id_IsRequiredString(string entityName)
    {
        var entity = Entity(entityName);

        var id = entity.FindField("id");

        id.ShouldNotBeNull();
        id.Required.ShouldBeTrue();
        id.Type.ShouldBe(CdmFieldType.String);
        entity.RequiredFields.ShouldContain(id);
    }

    [Theory]
    [MemberData(nameof(EntityNames))]
    public void Fields_AtEveryLevel_AreUniqueCamelCaseAndDescribed(string entityName)
    {
        var entity = Entity(entityName);

        foreach (var level in Levels(entity.Fields))
        {
            level.Select(f => f.Name).ShouldBeUnique(entityName);
            foreach (var field in level)
            {
                CamelCase().IsMatch(field.Name).ShouldBeTrue(field.QualifiedName);
                field.Entity.ShouldBe(entityName, field.QualifiedName);
                field.Description.ShouldNotBeNullOrWhiteSpace(field.QualifiedName);
                field.Description.ShouldEndWith(".", customMessage: field.QualifiedName);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EntityNames))]
    public void Fields_EnumsAndArraysAndObjects_AreFullyDescribed(string entityName)
    {
        var all = Levels(Entity(entityName).Fields).SelectMany(l => l).ToList();

        foreach (var field in all)
        {
            if (field.Type == CdmFieldType.Enum || field.ItemType == CdmFieldType.Enum)
            {
                field.EnumValues.ShouldNotBeEmpty(field.QualifiedName);
                field.EnumValues.ShouldBeUnique(field.QualifiedName);
            }

            if (field.Type == CdmFieldType.Array)
            {
                field.ItemType.ShouldNotBeNull(field.QualifiedName);
            }

            if (field.Type == CdmFieldType.Object || field.ItemType == CdmFieldType.Object)
            {
                field.Properties.ShouldNotBeEmpty(field.QualifiedName);
            }
        }
    }

    [Fact]
    public void Fields_TypedProperties_MatchDeclaredFields()
    {
        // Every public CdmField property must be one of the entity's declared fields, and vice versa.
        foreach (var entity in Catalog.All)
        {
            var typed = entity.GetType().GetProperties()
                .Where(p => p.PropertyType == typeof(CdmField))
                .Select(p => (CdmField)p.GetValue(entity)!)
                .ToList();

            typed.Count.ShouldBe(entity.Fields.Count, entity.Name);
            typed.ShouldBe(entity.Fields, ignoreOrder: true);
        }
    }

    [Theory]
    [MemberData(nameof(EntityNames))]
    public void ToJsonSchema_SampleRecordWithEveryField_IsValid(string entityName)
    {
        var entity = Entity(entityName);
        var schema = Build(entity);

        var result = schema.Evaluate(ToElement(SampleRecord(entity.Fields)), Strict);

        result.IsValid.ShouldBeTrue(Describe(result));
    }

    [Theory]
    [MemberData(nameof(EntityNames))]
    public void ToJsonSchema_RecordMissingARequiredField_IsInvalid(string entityName)
    {
        var entity = Entity(entityName);
        var schema = Build(entity);

        foreach (var required in entity.RequiredFields)
        {
            var record = SampleRecord(entity.Fields);
            record.Remove(required.Name);

            schema.Evaluate(ToElement(record), Strict).IsValid.ShouldBeFalse(required.QualifiedName);
        }
    }

    [Theory]
    [MemberData(nameof(EntityNames))]
    public void ToJsonSchema_RecordWithOnlyRequiredFields_IsValid(string entityName)
    {
        var entity = Entity(entityName);
        var schema = Build(entity);

        var result = schema.Evaluate(ToElement(SampleRecord([.. entity.RequiredFields])), Strict);

        result.IsValid.ShouldBeTrue(Describe(result));
    }

    [Fact]
    public void ToJsonSchema_OrderWithUnknownStatus_IsInvalid()
    {
        var schema = Build(Catalog.Order);
        var order = JsonNode.Parse("""{ "id": "1001", "total": 12.5, "status": "shipped" }""")!;

        schema.Evaluate(ToElement(order), Strict).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void ToJsonSchema_RealisticOrder_IsValid()
    {
        var schema = Build(Catalog.Order);
        var order = JsonNode.Parse("""
            {
              "id": "gid://shopify/Order/450789469",
              "orderNumber": "#1001",
              "email": "bob@example.com",
              "status": "paid",
              "currency": "EUR",
              "lineItems": [
                { "productId": "632910392", "sku": "IPOD-342", "name": "IPod Nano", "quantity": 2, "unitPrice": 199.0, "total": 398.0 }
              ],
              "subtotal": 398.0,
              "tax": 75.62,
              "shipping": 0,
              "total": 473.62,
              "shippingAddress": { "type": "shipping", "line1": "Chestnut Street 92", "city": "Louisville", "country": "US" },
              "placedAt": "2024-03-12T16:09:55-04:00"
            }
            """)!;

        var result = schema.Evaluate(ToElement(order), Strict);

        result.IsValid.ShouldBeTrue(Describe(result));
    }

    [Fact]
    public void ToJsonSchema_Order_DeclaresSchemaIdAndRequired()
    {
        var schema = Catalog.Order.ToJsonSchema();

        schema["$id"]!.GetValue<string>().ShouldBe("https://schemas.fastn.dev/cdm/CDMOrder/1.0.0");
        schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["id", "total"], ignoreOrder: true);
        schema["properties"]!["billingAddress"]!["properties"]!["postalCode"].ShouldNotBeNull();
        schema["properties"]!["lineItems"]!["items"]!["properties"]!["unitPrice"]!["type"]!.GetValue<string>().ShouldBe("number");
    }

    [Fact]
    public void Find_CdmOrder_ReturnsOrderEntity()
    {
        var found = Catalog.Find("CDMOrder");

        found.ShouldBeSameAs(Catalog.Order);
    }

    [Fact]
    public void Find_UnknownOrWrongCase_ReturnsNull()
    {
        Catalog.Find("CDMWidget").ShouldBeNull();
        Catalog.Find("cdmorder").ShouldBeNull();
    }

    [Fact]
    public void Entities_TypedMembers_PointAtTheirJsonFields()
    {
        Catalog.Product.Sku.QualifiedName.ShouldBe("CDMProduct.sku");
        Catalog.Product.ProductName.Name.ShouldBe("name");
        Catalog.InventoryLevel.Available.Required.ShouldBeTrue();
        Catalog.Payment.Currency.Required.ShouldBeTrue();
        Catalog.Fulfillment.Status.EnumValues.ShouldContain("in_transit");
        Catalog.Invoice.DueDate.Type.ShouldBe(CdmFieldType.Date);
        Catalog.Deal.ContactIds.ItemType.ShouldBe(CdmFieldType.String);
    }

    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    private static CdmEntity Entity(string name) => Catalog.Find(name) ?? throw new InvalidOperationException(name);

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    // JsonSchema.Net registers every built schema globally by its $id and refuses to build the same $id twice,
    // so each entity's schema is built once per process (or reused if another test already built it).
    private static JsonSchema Build(CdmEntity entity) => Schemas.GetOrAdd(entity.Name, _ => new Lazy<JsonSchema>(() =>
    {
        var schema = entity.ToJsonSchema();
        var id = new Uri(schema["$id"]!.GetValue<string>());
        return SchemaRegistry.Global.Get(id) as JsonSchema ?? JsonSchema.FromText(schema.ToJsonString());
    })).Value;

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node);

    private static string Describe(EvaluationResults result) => JsonSerializer.Serialize(result);

    private static IEnumerable<IReadOnlyList<CdmField>> Levels(IReadOnlyList<CdmField> fields)
    {
        yield return fields;
        foreach (var nested in fields.Where(f => f.Properties.Count > 0).SelectMany(f => Levels(f.Properties)))
        {
            yield return nested;
        }
    }

    private static JsonObject SampleRecord(IReadOnlyList<CdmField> fields)
    {
        var record = new JsonObject();
        foreach (var field in fields)
        {
            record[field.Name] = SampleValue(field.Type, field);
        }

        return record;
    }

    private static JsonNode SampleValue(CdmFieldType type, CdmField field) => type switch
    {
        CdmFieldType.String => JsonValue.Create("sample"),
        CdmFieldType.Email => JsonValue.Create("ada@example.com"),
        CdmFieldType.Phone => JsonValue.Create("+442071234567"),
        CdmFieldType.Url => JsonValue.Create("https://example.com/x"),
        CdmFieldType.Integer => JsonValue.Create(3),
        CdmFieldType.Decimal => JsonValue.Create(0.5m),
        CdmFieldType.Money => JsonValue.Create(12.34m),
        CdmFieldType.Boolean => JsonValue.Create(true),
        CdmFieldType.DateTime => JsonValue.Create("2024-05-01T12:30:00Z"),
        CdmFieldType.Date => JsonValue.Create("2024-05-01"),
        CdmFieldType.Enum => JsonValue.Create(field.EnumValues[0]),
        CdmFieldType.Map => new JsonObject { ["anything"] = "goes" },
        CdmFieldType.Object => SampleRecord(field.Properties),
        CdmFieldType.Array => new JsonArray(SampleValue(field.ItemType ?? CdmFieldType.String, field)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
