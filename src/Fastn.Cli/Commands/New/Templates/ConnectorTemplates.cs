namespace Fastn.Cli.Commands.New.Templates;

/// <summary>The C# of the generated connector, its models and its conformance test class.</summary>
internal static class ConnectorTemplates
{
    public static string Connector(TemplateModel model)
    {
        string[] systemUsings = ["System.Globalization", .. model.Auth.SystemUsings];
        var usings = string.Join('\n', systemUsings.Order(StringComparer.Ordinal).Select(u => $"using {u};"));
        var members = model.Auth.Members.Length == 0 ? "" : "\n\n" + TemplateModel.Indent(model.Auth.Members, 4);
        var text = ConnectorCode
            .Replace("{{SystemUsings}}", usings, StringComparison.Ordinal)
            .Replace("{{AuthSummary}}", model.Auth.Summary, StringComparison.Ordinal)
            .Replace("{{AuthAssignment}}", TemplateModel.IndentContinuation(AuthAssignment(model.Auth.Expression), 8), StringComparison.Ordinal)
            .Replace("{{AuthMembers}}", members, StringComparison.Ordinal);
        return model.Render(text);
    }

    // Leading comment lines of the expression go above "Auth = …".
    private static string AuthAssignment(string expression)
    {
        var lines = expression.Split('\n');
        var comments = lines.TakeWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
        var code = string.Join('\n', lines.Skip(comments.Count));
        return string.Join('\n', [.. comments, $"Auth = {code},"]);
    }

    public static string ConformanceTests(TemplateModel model) => model.Render("""
        using Fastn.Connectors;
        using Fastn.Connectors.Testing;

        namespace {{Pascal}}.Connector.Tests;

        /// <summary>
        /// Every check a Fastn connector must pass: a valid definition, valid JSON Schemas, real CDM fields,
        /// a fixture for every action and every fixture replaying (see Fixtures/{{name}}/).
        /// </summary>
        public sealed class {{Pascal}}ConformanceTests : ConnectorConformanceTests
        {
            protected override ConnectorDefinition Definition => {{ConnectorClass}}.Definition;
        }

        """);

    public static IReadOnlyList<(string FileName, string Content)> Models(TemplateModel model) =>
    [
        ("EmptyInput.cs", model.Render("""
            namespace {{Pascal}}.Connector.Models;

            /// <summary>The input of actions that take none.</summary>
            public sealed record EmptyInput;

            """)),
        ("CurrentUser.cs", model.Render("""
            using System.ComponentModel;

            namespace {{Pascal}}.Connector.Models;

            /// <summary>The user a connection belongs to (<c>GET /me</c>).</summary>
            public sealed record CurrentUser
            {
                /// <summary>The user's id.</summary>
                [Description("The user's id in {{DisplayNameXml}}.")]
                public required string Id { get; init; }

                /// <summary>Login e-mail.</summary>
                [Description("The user's login e-mail address.")]
                public string? Email { get; init; }

                /// <summary>Full name.</summary>
                [Description("The user's full name.")]
                public string? Name { get; init; }
            }

            """)),
        ("Item.cs", model.Render("""
            using System.ComponentModel;

            namespace {{Pascal}}.Connector.Models;

            /// <summary>
            /// One record of the app. The template models a person so the entity maps to CDMContact:
            /// rename it and its fields to what the app really returns.
            /// </summary>
            public sealed record Item
            {
                /// <summary>The item's id.</summary>
                [Description("The item's id, like itm_123.")]
                public required string Id { get; init; }

                /// <summary>E-mail address.</summary>
                [Description("Primary e-mail address.")]
                public string? Email { get; init; }

                /// <summary>First name.</summary>
                [Description("Given (first) name.")]
                public string? FirstName { get; init; }

                /// <summary>Last name.</summary>
                [Description("Family (last) name.")]
                public string? LastName { get; init; }

                /// <summary>Last change (UTC).</summary>
                [Description("When the item last changed.")]
                public DateTimeOffset? UpdatedAt { get; init; }
            }

            """)),
        ("ItemPage.cs", model.Render("""
            namespace {{Pascal}}.Connector.Models;

            /// <summary>One page of <c>GET /items</c>: <c>{ "data": [...], "nextCursor": "..." }</c>.</summary>
            public sealed record ItemPage
            {
                /// <summary>The items on this page.</summary>
                public required IReadOnlyList<Item> Data { get; init; }

                /// <summary>The cursor of the next page, or null on the last page.</summary>
                public string? NextCursor { get; init; }
            }

            """)),
        ("ItemIdInput.cs", model.Render("""
            using System.ComponentModel;

            namespace {{Pascal}}.Connector.Models;

            /// <summary>Input of <c>get_item</c>.</summary>
            public sealed record ItemIdInput
            {
                /// <summary>The item's id.</summary>
                [Description("The id of the item, like itm_123.")]
                public required string Id { get; init; }
            }

            """)),
        ("ListItemsInput.cs", model.Render("""
            using System.ComponentModel;

            namespace {{Pascal}}.Connector.Models;

            /// <summary>Input of <c>list_items</c>.</summary>
            public sealed record ListItemsInput
            {
                /// <summary>Page size.</summary>
                [Description("How many items to return, 1 to 100 (default 25).")]
                public int? Limit { get; init; }

                /// <summary>Where to continue.</summary>
                [Description("The nextCursor of the previous page; leave it out for the first page.")]
                public string? Cursor { get; init; }
            }

            """)),
    ];

    private const string ConnectorCode = """
        {{SystemUsings}}
        using Fastn.Connectors;
        using Fastn.Connectors.Actions;
        using Fastn.Connectors.Authentication;
        using Fastn.Connectors.Capabilities;
        using Fastn.Connectors.Cdm;
        using Fastn.Connectors.Entities;
        using Fastn.Connectors.Triggers;
        using {{Pascal}}.Connector.Models;

        namespace {{Pascal}}.Connector;

        /// <summary>
        /// The {{DisplayNameXml}} connector: {{AuthSummary}}; the signed-in user (the connection test),
        /// items with cursor pagination, a poll trigger on changed items and the item entity mapped to CDMContact.
        /// </summary>
        [FastnConnector]
        public static class {{ConnectorClass}}
        {
            /// <summary>The app's API root; relative URLs in the handlers resolve against it.</summary>
            public const string ApiBaseUrl = "https://api.example.com/v1";

            /// <summary>
            /// The connector. Register it with <c>services.AddFastn().AddConnector({{ConnectorClass}}.Definition)</c>
            /// or publish this project into the server's <c>connectors/</c> folder.
            /// </summary>
            public static ConnectorDefinition Definition { get; } = new()
            {
                Name = "{{name}}",
                DisplayName = "{{DisplayName}}",
                Description = "Users and items in {{DisplayName}}.",
                Categories = ["other"],
                BaseUrl = ApiBaseUrl,
                DocumentationUrl = "https://api.example.com/docs",
                {{AuthAssignment}}
                // A cheap read Fastn calls to check that a new connection works.
                Capabilities = new ConnectorCapabilities { TestAction = "get_current_user" },
                Actions =
                {
                    Define.Action<EmptyInput, CurrentUser>("get_current_user", "Get the user the connection belongs to.",
                        (_, ctx, ct) => ctx.Http.GetJsonAsync<CurrentUser>("me", ct), ActionHints.Read("account")),
                    Define.Action<ListItemsInput, ItemPage>("list_items", "List items one page at a time.",
                        (input, ctx, ct) => ctx.Http.GetJsonAsync<ItemPage>(ItemsUrl(input.Limit ?? 25, input.Cursor), ct),
                        ActionHints.Read("items") with { LlmDescription = "List {{DisplayName}} items. Pass nextCursor back as cursor to get the next page." }),
                    // Build every path that holds input with ctx.Http.Path: each value becomes one escaped segment and
                    // ".", ".." or "" are refused, so input can never send the connection's credentials to another endpoint.
                    Define.Action<ItemIdInput, Item>("get_item", "Get one item by id.",
                        (input, ctx, ct) => ctx.Http.GetJsonAsync<Item>(ctx.Http.Path("items/{id}", input.Id), ct), ActionHints.Read("items")),
                },
                Triggers =
                {
                    // Fastn polls, hashes each record and emits created/updated events for the ones that changed.
                    Define.PollTrigger<Item>("item_changed", "An item was created or updated.",
                        fetchPage: async (request, ctx, ct) =>
                        {
                            var page = await ctx.Http.GetJsonAsync<ItemPage>(ItemsUrl(request.PageSize, request.Cursor), ct);
                            return new PollPage<Item>(page.Data, page.NextCursor);
                        },
                        recordId: item => item.Id, every: TimeSpan.FromMinutes(5)),
                },
                Entities =
                {
                    Define.Entity<Item>("item", Cdm.Contact, e => e
                        .Native("Item")
                        .Id(i => i.Id)
                        .UpdatedAt(i => i.UpdatedAt)
                        .Supports(EntityOperations.List, "list_items")
                        .Supports(EntityOperations.Get, "get_item")
                        .Map(i => i.Id, Cdm.Contact.Id)
                        .Map(i => i.Email, Cdm.Contact.Email)
                        .Map(i => i.FirstName, Cdm.Contact.FirstName)
                        .Map(i => i.LastName, Cdm.Contact.LastName)
                        .Map(i => i.UpdatedAt, Cdm.Contact.UpdatedAt)),
                },
            };

            private static string ItemsUrl(int limit, string? cursor)
            {
                var url = "items?limit=" + Math.Clamp(limit, 1, 100).ToString(CultureInfo.InvariantCulture);
                return cursor is null ? url : url + "&cursor=" + Uri.EscapeDataString(cursor);
            }{{AuthMembers}}
        }

        """;
}
