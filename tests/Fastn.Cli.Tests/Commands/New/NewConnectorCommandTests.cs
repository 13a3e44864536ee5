namespace Fastn.Cli.Tests.Commands.New;

public sealed class NewConnectorCommandTests
{
    [Theory]
    [InlineData("MyApp")]
    [InlineData("my_app")]
    [InlineData("1app")]
    [InlineData("my--app")]
    public async Task InvokeAsync_InvalidName_FailsWithoutCreatingAnything(string name)
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", name, "--auth", "apikey", "--output", temp.Path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain($"'{name}' is not a valid connector name");
        result.Error.ShouldContain("kebab-case");
        Directory.EnumerateFileSystemEntries(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_MissingAuth_FailsNamingTheOption()
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--output", temp.Path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--auth");
        Directory.EnumerateFileSystemEntries(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_UnknownAuth_FailsListingTheKinds()
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "saml", "--output", temp.Path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("saml");
        result.Error.ShouldContain("oauth2");
    }

    [Fact]
    public async Task InvokeAsync_ValidRequest_CreatesConnectorAndPrintsNextSteps()
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "oauth2", "--output", temp.Path);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.ShouldBeEmpty();
        File.Exists(Path.Combine(temp.Path, "my-app", "MyApp.Connector", "MyAppConnector.cs")).ShouldBeTrue();
        result.Output.ShouldContain("Created connector my-app (oauth2 auth)");
        result.Output.ShouldContain("MyAppConnector.cs");
        result.Output.ShouldContain("get_current_user.json");
        // dotnet test reads the runner from the global.json above the current folder: the connector's.
        result.Output.ShouldContain($"cd {Path.Combine(temp.Path, "my-app")} && dotnet test --project MyApp.Connector.Tests");
        result.Output.ShouldContain($"dotnet build {Path.Combine(temp.Path, "my-app", "MyApp.Connector.Tests")}");
        result.Output.ShouldContain($"dotnet {Path.Combine(temp.Path, "my-app", "MyApp.Connector.Tests", "bin", "Debug", "net10.0", "MyApp.Connector.Tests.dll")}");
        result.Output.ShouldContain("AddConnector(MyApp.Connector.MyAppConnector.Definition)");
        result.Output.ShouldContain("dotnet publish");
    }

    [Fact]
    public async Task InvokeAsync_ExistingFolder_RefusesWithoutForce()
    {
        using var temp = new TempDirectory();
        var existing = Path.Combine(temp.Path, "my-app", "notes.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        await File.WriteAllTextAsync(existing, "mine", TestContext.Current.CancellationToken);

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "basic", "--output", temp.Path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("already exists");
        result.Error.ShouldContain("--force");
        Directory.Exists(Path.Combine(temp.Path, "my-app", "MyApp.Connector")).ShouldBeFalse();
    }

    [Fact]
    public async Task InvokeAsync_ExistingFolderWithForce_OverwritesGeneratedFilesAndKeepsOthers()
    {
        using var temp = new TempDirectory();
        (await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "basic", "--output", temp.Path)).ExitCode.ShouldBe(0);
        var connector = Path.Combine(temp.Path, "my-app", "MyApp.Connector", "MyAppConnector.cs");
        var notes = Path.Combine(temp.Path, "my-app", "notes.txt");
        await File.WriteAllTextAsync(notes, "mine", TestContext.Current.CancellationToken);

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "bearer", "--output", temp.Path, "--force");

        result.ExitCode.ShouldBe(0, result.ToString());
        (await File.ReadAllTextAsync(connector, TestContext.Current.CancellationToken)).ShouldContain("Auth.BearerToken(");
        File.Exists(notes).ShouldBeTrue();
    }

    [Fact]
    public async Task InvokeAsync_FastnSourceThatIsNotACheckout_Fails()
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "none", "--output", temp.Path, "--fastn-source", temp.Path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("is not a Fastn checkout");
    }

    [Fact]
    public async Task InvokeAsync_DisplayName_IsUsedInTheDefinition()
    {
        using var temp = new TempDirectory();

        var result = await CliInvocation.RunAsync("new", "connector", "my-app", "--auth", "none", "--output", temp.Path, "--display-name", "My \"Great\" App");

        result.ExitCode.ShouldBe(0, result.ToString());
        var code = await File.ReadAllTextAsync(Path.Combine(temp.Path, "my-app", "MyApp.Connector", "MyAppConnector.cs"), TestContext.Current.CancellationToken);
        code.ShouldContain("DisplayName = \"My \\\"Great\\\" App\",");
        code.ShouldContain("/// The My &quot;Great&quot; App connector");
    }
}
