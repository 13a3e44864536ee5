using System.Text.Json.Nodes;
using Fastn.Cli.Commands.New;

namespace Fastn.Cli.Tests.Commands.New;

public sealed class ConnectorScaffolderTests
{
    private static readonly string[] CommonFiles =
    [
        "README.md",
        "global.json",
        "MyApp.Connector/MyApp.Connector.csproj",
        "MyApp.Connector/MyAppConnector.cs",
        "MyApp.Connector/Models/CurrentUser.cs",
        "MyApp.Connector/Models/EmptyInput.cs",
        "MyApp.Connector/Models/Item.cs",
        "MyApp.Connector/Models/ItemIdInput.cs",
        "MyApp.Connector/Models/ItemPage.cs",
        "MyApp.Connector/Models/ListItemsInput.cs",
        "MyApp.Connector.Tests/MyApp.Connector.Tests.csproj",
        "MyApp.Connector.Tests/MyAppConformanceTests.cs",
        "MyApp.Connector.Tests/Fixtures/my-app/get_current_user.json",
        "MyApp.Connector.Tests/Fixtures/my-app/get_item.json",
        "MyApp.Connector.Tests/Fixtures/my-app/list_items.json",
    ];

    public static TheoryData<string, string[], string, string> AuthKinds => new()
    {
        { "none", ["Auth = Auth.None(),"], "{}", "{}" },
        {
            "basic", ["Auth = Auth.Basic(usernameLabel: \"Username\", passwordLabel: \"API token\"),"],
            """{"username":"test-user","password":"test-password"}""",
            """{"Authorization":"Basic dGVzdC11c2VyOnRlc3QtcGFzc3dvcmQ="}"""
        },
        {
            "bearer", ["Auth = Auth.BearerToken(help: \"Create a personal access token in My App under Settings > API tokens.\"),"],
            """{"token":"test_token"}""", """{"Authorization":"Bearer test_token"}"""
        },
        {
            "apikey", ["Auth = Auth.ApiKeyHeader(\"X-API-Key\", help: \"Find your API key in My App under Settings > API.\"),"],
            """{"api_key":"test_api_key"}""", """{"X-API-Key":"test_api_key"}"""
        },
        {
            "oauth2",
            [
                "Auth = Auth.OAuth2(o =>",
                "o.AuthorizationUrl = \"https://api.example.com/oauth/authorize\";",
                "o.TokenUrl = \"https://api.example.com/oauth/token\";",
                "o.Scopes = [\"users.read\", \"items.read\"];",
                "o.Pkce = true;",
            ],
            """{"access_token":"test_access_token"}""", """{"Authorization":"Bearer test_access_token"}"""
        },
        {
            "custom",
            [
                "using System.Net.Http.Headers;",
                "Auth = Auth.Custom(",
                "CredentialField.Text(\"account_id\", \"Account ID\"",
                "CredentialField.SecretField(\"api_secret\", \"API secret\"",
                "apply: ApplyCredentials),",
                "private static ValueTask ApplyCredentials(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken)",
            ],
            """{"account_id":"acct_123","api_secret":"test_api_secret"}""",
            """{"X-Account-Id":"acct_123","Authorization":"Token test_api_secret"}"""
        },
    };

    [Theory]
    [MemberData(nameof(AuthKinds))]
    public async Task Write_EachAuthKind_CreatesConnectorTestsAndFixturesWithThatAuth(string auth, string[] authCode, string credentials, string headers)
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", auth, "--output", temp.Path);

        result.ExitCode.ShouldBe(0, result.ToString());
        var root = Path.Combine(temp.Path, "my-app");
        string[] expectedFiles = auth == "none" ? CommonFiles : [.. CommonFiles, "MyApp.Connector.Tests/Fixtures/my-app/get_current_user_unauthorized.json"];
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ShouldBe(expectedFiles.Order(StringComparer.Ordinal));

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain("{{", customMessage: file);
        }

        var code = Read(root, "MyApp.Connector/MyAppConnector.cs");
        foreach (var snippet in authCode)
        {
            code.ShouldContain(snippet);
        }

        code.Split('\n').Count(l => l.TrimStart().StartsWith("Auth = ", StringComparison.Ordinal)).ShouldBe(1);
        code.ShouldContain("[FastnConnector]");
        code.ShouldContain("public static class MyAppConnector");
        code.ShouldContain("Name = \"my-app\",");
        code.ShouldContain("DisplayName = \"My App\",");
        code.ShouldContain("public const string ApiBaseUrl = \"https://api.example.com/v1\";");
        code.ShouldContain("Capabilities = new ConnectorCapabilities { TestAction = \"get_current_user\" },");
        code.ShouldContain("Define.Action<EmptyInput, CurrentUser>(\"get_current_user\"");
        code.ShouldContain("GetJsonAsync<CurrentUser>(\"me\", ct)");
        code.ShouldContain("Define.Action<ListItemsInput, ItemPage>(\"list_items\"");
        code.ShouldContain("Define.Action<ItemIdInput, Item>(\"get_item\"");
        code.ShouldContain("ctx.Http.Path(\"items/{id}\", input.Id)");
        code.ShouldContain("Define.PollTrigger<Item>(\"item_changed\"");
        code.ShouldContain("return new PollPage<Item>(page.Data, page.NextCursor);");
        code.ShouldContain("recordId: item => item.Id");
        code.ShouldContain("Define.Entity<Item>(\"item\", Cdm.Contact, e => e");
        code.ShouldContain(".Map(i => i.Email, Cdm.Contact.Email)");

        var tests = Read(root, "MyApp.Connector.Tests/MyAppConformanceTests.cs");
        tests.ShouldContain("public sealed class MyAppConformanceTests : ConnectorConformanceTests");
        tests.ShouldContain("protected override ConnectorDefinition Definition => MyAppConnector.Definition;");
        Read(root, "MyApp.Connector.Tests/MyApp.Connector.Tests.csproj").ShouldContain("""<None Update="Fixtures/**" CopyToOutputDirectory="PreserveNewest" />""");
        Read(root, "README.md").ShouldContain($"fastn new connector my-app --auth {auth}");

        var expectedCredentials = JsonNode.Parse(credentials)!;
        var expectedHeaders = JsonNode.Parse(headers)!.AsObject();
        var fixtures = Directory.GetFiles(Path.Combine(root, "MyApp.Connector.Tests", "Fixtures", "my-app"), "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();
        fixtures.Select(f => (string)f["action"]!).Distinct().Order(StringComparer.Ordinal).ShouldBe(["get_current_user", "get_item", "list_items"]);
        foreach (var fixture in fixtures)
        {
            JsonNode.DeepEquals(fixture["credentials"], expectedCredentials).ShouldBeTrue(fixture.ToJsonString());
            foreach (var interaction in fixture["interactions"]!.AsArray())
            {
                var sent = interaction!["request"]!["headers"] ?? new JsonObject();
                JsonNode.DeepEquals(sent, expectedHeaders).ShouldBeTrue(fixture.ToJsonString());
            }

            (fixture.ContainsKey("expectedOutput") || fixture.ContainsKey("expectedError")).ShouldBeTrue();
        }
    }

    [Fact]
    public void Write_OutsideAnyCheckout_ReferencesVersionedPackages()
    {
        using var temp = new TempDirectory();

        var result = ConnectorScaffolder.Write(Request(temp.Path, ScaffoldAuth.ApiKey));

        result.References.UsesProjectReferences.ShouldBeFalse();
        result.References.CentralVersions.ShouldBeFalse();
        var version = result.References.PackageVersion;
        version.ShouldNotBeNullOrWhiteSpace();
        Read(result.ConnectorDirectory, "MyApp.Connector/MyApp.Connector.csproj")
            .ShouldContain($"""<PackageReference Include="Fastn.Connectors" Version="{version}" />""");
        var tests = Read(result.ConnectorDirectory, "MyApp.Connector.Tests/MyApp.Connector.Tests.csproj");
        tests.ShouldContain($"""<PackageReference Include="Fastn.Connectors.Testing" Version="{version}" />""");
        tests.ShouldContain("""<PackageReference Include="xunit.v3" Version="4.0.2" />""");
        tests.ShouldContain("""<PackageReference Include="xunit.runner.visualstudio" Version="4.0.1" />""");
        tests.ShouldContain("""<PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />""");
        tests.ShouldContain("""<ProjectReference Include="../MyApp.Connector/MyApp.Connector.csproj" />""");
        tests.ShouldNotContain("Fastn.Connectors.Testing.csproj");
    }

    [Fact]
    public void Write_WithFastnSource_ReferencesTheSdkProjectsRelatively()
    {
        using var temp = new TempDirectory();
        var checkout = FakeCheckout(Path.Combine(temp.Path, "fastn"));

        var result = ConnectorScaffolder.Write(Request(Path.Combine(temp.Path, "work"), ScaffoldAuth.OAuth2) with { FastnSource = checkout });

        result.References.FastnSource.ShouldBe(checkout);
        var connector = Read(result.ConnectorDirectory, "MyApp.Connector/MyApp.Connector.csproj");
        connector.ShouldContain("""<ProjectReference Include="../../../fastn/src/Fastn.Connectors/Fastn.Connectors.csproj" />""");
        connector.ShouldNotContain("PackageReference");
        var tests = Read(result.ConnectorDirectory, "MyApp.Connector.Tests/MyApp.Connector.Tests.csproj");
        tests.ShouldContain("""<ProjectReference Include="../../../fastn/src/Fastn.Connectors.Testing/Fastn.Connectors.Testing.csproj" />""");
        tests.ShouldContain("""<PackageReference Include="xunit.v3" Version="4.0.2" />""");
        File.Exists(Path.GetFullPath(Path.Combine(result.ConnectorDirectory, "MyApp.Connector", "../../../fastn/src/Fastn.Connectors/Fastn.Connectors.csproj"))).ShouldBeTrue();
    }

    [Fact]
    public void Write_InsideCheckoutWithCentralVersions_UsesProjectReferencesAndOmitsVersions()
    {
        using var temp = new TempDirectory();
        var checkout = FakeCheckout(temp.Path);
        File.WriteAllText(Path.Combine(checkout, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="xunit.v3" Version="4.0.2" />
                <PackageVersion Include="xunit.runner.visualstudio" Version="4.0.1" />
                <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
              </ItemGroup>
            </Project>
            """);

        var result = ConnectorScaffolder.Write(Request(Path.Combine(checkout, "connectors"), ScaffoldAuth.Bearer));

        result.References.FastnSource.ShouldBe(checkout);
        result.References.CentralVersions.ShouldBeTrue();
        result.MissingCentralVersions.ShouldBeEmpty();
        Read(result.ConnectorDirectory, "MyApp.Connector/MyApp.Connector.csproj")
            .ShouldContain("""<ProjectReference Include="../../../src/Fastn.Connectors/Fastn.Connectors.csproj" />""");
        var tests = Read(result.ConnectorDirectory, "MyApp.Connector.Tests/MyApp.Connector.Tests.csproj");
        tests.ShouldContain("""<PackageReference Include="xunit.v3" />""");
        tests.ShouldContain("""<PackageReference Include="Microsoft.NET.Test.Sdk" />""");
        tests.ShouldNotContain("Version=");
        tests.ShouldContain("""<ProjectReference Include="../../../src/Fastn.Connectors.Testing/Fastn.Connectors.Testing.csproj" />""");
    }

    [Fact]
    public async Task Write_UnderCentralVersionsWithoutFastnPackages_WarnsWhichVersionsToAdd()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "Directory.Packages.props"),
            "<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>"
            + "<ItemGroup><PackageVersion Include=\"xunit.v3\" Version=\"4.0.2\" /></ItemGroup></Project>");

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "none", "--output", Path.Combine(temp.Path, "src"));

        result.ExitCode.ShouldBe(0, result.ToString());
        Read(Path.Combine(temp.Path, "src", "my-app"), "MyApp.Connector/MyApp.Connector.csproj").ShouldContain("""<PackageReference Include="Fastn.Connectors" />""");
        result.Output.ShouldContain("""add <PackageVersion Include="Fastn.Connectors" Version=""");
        result.Output.ShouldContain("""add <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />""");
        result.Output.ShouldNotContain("""add <PackageVersion Include="xunit.v3" """);
    }

    [Fact]
    public void Write_NoGlobalJsonAbove_WritesOneSelectingTheTestingPlatformRunner()
    {
        using var temp = new TempDirectory();

        var result = ConnectorScaffolder.Write(Request(temp.Path, ScaffoldAuth.ApiKey));

        var globalJson = JsonNode.Parse(Read(result.ConnectorDirectory, "global.json")).ShouldNotBeNull();
        globalJson["test"]?["runner"]?.GetValue<string>().ShouldBe("Microsoft.Testing.Platform");
        globalJson["sdk"]?["version"]?.GetValue<string>().ShouldStartWith("10.0.");
        result.GlobalJsonWithoutTestRunner.ShouldBeNull();
    }

    [Fact]
    public async Task Write_UnderGlobalJsonWithoutTestRunner_WritesNoneAndWarnsWhatToAdd()
    {
        using var temp = new TempDirectory();
        var parent = Path.Combine(temp.Path, "global.json");
        File.WriteAllText(parent, """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "none", "--output", Path.Combine(temp.Path, "src"));

        result.ExitCode.ShouldBe(0, result.ToString());
        File.Exists(Path.Combine(temp.Path, "src", "my-app", "global.json")).ShouldBeFalse();
        result.Output.ShouldContain("""add "test": { "runner": "Microsoft.Testing.Platform" } to""");
    }

    [Fact]
    public void RepositoryGlobalJson_SelectsTheTestingPlatformRunner()
    {
        // `dotnet test` on the .NET 10 SDK refuses xUnit v3 projects in VSTest mode.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, FastnCheckout.SolutionFile)))
        {
            root = root.Parent;
        }

        FastnCheckout.SelectsTestingPlatform(Path.Combine(root.ShouldNotBeNull().FullName, "global.json")).ShouldBeTrue();
    }

    [Fact]
    public void Render_CustomAuth_CompilesItsHelperIntoTheClassBody()
    {
        var request = Request(Path.GetTempPath(), ScaffoldAuth.Custom);

        var files = ConnectorScaffolder.Render(request, new SdkReferences(null, "1.0.0", null));

        var code = files.Single(f => f.RelativePath == "MyApp.Connector/MyAppConnector.cs").Content;
        code.IndexOf("private static ValueTask ApplyCredentials", StringComparison.Ordinal)
            .ShouldBeGreaterThan(code.IndexOf("private static string ItemsUrl", StringComparison.Ordinal));
        code.TrimEnd().ShouldEndWith("}");
        code.ShouldNotContain("{{");
    }

    private static ScaffoldRequest Request(string output, ScaffoldAuth auth) =>
        new(ConnectorName.Parse("my-app"), auth, Path.GetFullPath(output));

    private static string FakeCheckout(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "src", "Fastn.Connectors"));
        Directory.CreateDirectory(Path.Combine(root, "src", "Fastn.Connectors.Testing"));
        File.WriteAllText(Path.Combine(root, "Fastn.slnx"), "<Solution />");
        File.WriteAllText(Path.Combine(root, "src", "Fastn.Connectors", "Fastn.Connectors.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(root, "src", "Fastn.Connectors.Testing", "Fastn.Connectors.Testing.csproj"), "<Project />");
        return Path.GetFullPath(root);
    }

    private static string Read(string root, string relativePath) => File.ReadAllText(Path.Combine(root, relativePath));
}
