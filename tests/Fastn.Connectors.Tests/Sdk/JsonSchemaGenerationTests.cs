using System.ComponentModel;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;
using Fastn.Connectors.Schema;

namespace Fastn.Connectors.Tests.Sdk;

public sealed class JsonSchemaGenerationTests
{
    [Description("A person to create.")]
    public sealed record Person(
        [property: Description("Full name.")] string FullName,
        [property: Description("Nickname, if any.")] string? Nickname,
        int Age,
        int? ShoeSize,
        bool IsActive = false);

    public sealed class Settings
    {
        public required string ApiVersion { get; init; }
        public string? Region { get; init; }
        public int RetryCount { get; init; }
    }

    public sealed record Paging
    {
        public int Count { get; init; } = 10;

        public IReadOnlyList<string> Items { get; init; } = [];

        public int Page { get; init; }

        public required string Cursor { get; init; } = "start";

        public string Name { get; init; } = null!;
    }

    private static string[] Required(JsonObject schema) =>
        schema["required"] is JsonArray r ? [.. r.Select(n => n!.GetValue<string>())] : [];

    [Fact]
    public void For_DescriptionAttributes_BecomeDescriptions()
    {
        var schema = JsonSchemas.For<Person>();

        schema["description"]!.GetValue<string>().ShouldBe("A person to create.");
        schema["properties"]!["fullName"]!["description"]!.GetValue<string>().ShouldBe("Full name.");
        schema["properties"]!["nickname"]!["description"]!.GetValue<string>().ShouldBe("Nickname, if any.");
    }

    [Fact]
    public void For_Nullability_DecidesRequired()
    {
        var schema = JsonSchemas.For<Person>();

        Required(schema).ShouldBe(["fullName", "age"], ignoreOrder: true);
        schema["properties"]!["age"]!["type"]!.ToJsonString().ShouldContain("\"integer\"");
        schema["properties"]!["nickname"]!["type"]!.ToJsonString().ShouldContain("\"null\"");
    }

    [Fact]
    public void For_ClassWithInitProperties_NonNullableAndValueTypesRequired()
    {
        var schema = JsonSchemas.For<Settings>();

        Required(schema).ShouldBe(["apiVersion", "retryCount"], ignoreOrder: true);
    }

    [Fact]
    public void For_MembersWithInitializers_AreNotRequired_OthersStayRequired()
    {
        var schema = JsonSchemas.For<Paging>();

        Required(schema).ShouldBe(["page", "cursor", "name"], ignoreOrder: true);
    }

    [Fact]
    public void For_SnakeCaseOptions_UsesSnakeCaseNamesEverywhere()
    {
        var schema = JsonSchemas.For<Person>(ConnectorJson.SnakeCase);

        schema["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["full_name", "nickname", "age", "shoe_size", "is_active"]);
        Required(schema).ShouldBe(["full_name", "age"], ignoreOrder: true);
    }

    [Fact]
    public void Action_GeneratedSchemas_AreValidDraft202012Schemas()
    {
        var action = Define.Action<Person, Settings>("make", "Make", (_, _, _) => Task.FromResult(new Settings { ApiVersion = "1" }));

        Fastn.Connectors.Testing.SchemaCheck.ValidateSchema(action.InputSchema).ShouldBeEmpty();
        Fastn.Connectors.Testing.SchemaCheck.ValidateSchema(action.OutputSchema).ShouldBeEmpty();
    }
}
