using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.GitHub;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

public sealed class GitHubServerTests
{
    [Fact]
    public async Task GitHub_ConnectedThroughOAuthConsent_RunsEveryActionAgainstTheSimulation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("customer-gh");

        // The capability page shows actions, triggers, entities and CDM coverage.
        var connector = JsonNode.Parse(await client.GetStringAsync("api/v1/connectors/github", ct))!;
        connector["actions"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(
            ["get_authenticated_user", "list_repositories", "get_repository", "list_issues", "get_issue", "create_issue", "update_issue",
                "create_issue_comment", "search_issues", "list_pull_requests"], ignoreOrder: true);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["issue_event", "pull_request_event"], ignoreOrder: true);
        var entities = connector["entities"]!.AsArray();
        entities.Single(e => e!["name"]!.GetValue<string>() == "issue")!["coverage"]!["ratio"]!.GetValue<double>().ShouldBe(1.0);
        entities.Single(e => e!["name"]!.GetValue<string>() == "user")!["coverage"]!["ratio"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0.77);

        // Connect the way GitHub does: the OAuth app's consent page, scripted like a browser pressing "Authorize".
        var scopesShown = "";
        var connectionId = await server.ConnectOAuthAsync(client, "github", async (browser, authorizationUrl) =>
        {
            authorizationUrl.AbsolutePath.ShouldEndWith("/sandbox/github/login/oauth/authorize");
            var html = await HtmlForms.GetPageAsync(browser, authorizationUrl);
            scopesShown = html;
            using var answer = await HtmlForms.SubmitAsync(browser, authorizationUrl, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(answer, authorizationUrl);
        });
        scopesShown.ShouldContain("read:user");

        // Each action over REST against the simulation.
        var me = (await server.RunActionAsync(client, connectionId, "get_authenticated_user", null))!;
        me["login"]!.GetValue<string>().ShouldBe(GitHubSimulation.ViewerLogin);
        me["email"]!.GetValue<string>().ShouldBe("octo@fastn.example");

        var repos = (await server.RunActionAsync(client, connectionId, "list_repositories", new { per_page = 2 }))!;
        repos["repositories"]!.AsArray().Count.ShouldBe(2);
        repos["next_page"]!.GetValue<int>().ShouldBe(2);
        var lastPage = (await server.RunActionAsync(client, connectionId, "list_repositories", new { per_page = 2, page = 2 }))!;
        lastPage["repositories"]!.AsArray().ShouldHaveSingleItem();
        lastPage["next_page"].ShouldBeNull();

        var repo = (await server.RunActionAsync(client, connectionId, "get_repository", new { owner = GitHubSimulation.ViewerLogin, repo = "hello-world" }))!;
        repo["full_name"]!.GetValue<string>().ShouldBe($"{GitHubSimulation.ViewerLogin}/hello-world");
        repo["default_branch"]!.GetValue<string>().ShouldBe("main");

        var created = (await server.RunActionAsync(client, connectionId, "create_issue", new
        {
            owner = GitHubSimulation.ViewerLogin,
            repo = "hello-world",
            title = "Login button does nothing",
            body = "Steps: open the page, press Login.",
            labels = new[] { "bug" },
        }))!;
        var number = created["number"]!.GetValue<int>();
        created["state"]!.GetValue<string>().ShouldBe("open");
        created["labels"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("bug");

        var issues = (await server.RunActionAsync(client, connectionId, "list_issues", new { owner = GitHubSimulation.ViewerLogin, repo = "hello-world", labels = "bug", per_page = 100 }))!;
        issues["issues"]!.AsArray().ShouldContain(i => i!["number"]!.GetValue<int>() == number);

        var fetched = (await server.RunActionAsync(client, connectionId, "get_issue", new { owner = GitHubSimulation.ViewerLogin, repo = "hello-world", issue_number = number }))!;
        fetched["title"]!.GetValue<string>().ShouldBe("Login button does nothing");

        var comment = (await server.RunActionAsync(client, connectionId, "create_issue_comment", new { owner = GitHubSimulation.ViewerLogin, repo = "hello-world", issue_number = number, body = "Reproduced on Safari." }))!;
        comment["body"]!.GetValue<string>().ShouldBe("Reproduced on Safari.");
        comment["user"]!["login"]!.GetValue<string>().ShouldBe(GitHubSimulation.ViewerLogin);

        var closed = (await server.RunActionAsync(client, connectionId, "update_issue", new
        {
            owner = GitHubSimulation.ViewerLogin,
            repo = "hello-world",
            issue_number = number,
            state = "closed",
            state_reason = "not_planned",
            labels = new[] { "bug", "wontfix" },
        }))!;
        closed["state"]!.GetValue<string>().ShouldBe("closed");
        closed["state_reason"]!.GetValue<string>().ShouldBe("not_planned");
        closed["comments"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        closed["labels"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()).ShouldBe(["bug", "wontfix"], ignoreOrder: true);

        var found = (await server.RunActionAsync(client, connectionId, "search_issues", new { q = $"repo:{GitHubSimulation.ViewerLogin}/hello-world is:issue is:closed label:wontfix login" }))!;
        found["total_count"]!.GetValue<int>().ShouldBe(1);
        found["items"]!.AsArray().Single()!["number"]!.GetValue<int>().ShouldBe(number);

        var pulls = (await server.RunActionAsync(client, connectionId, "list_pull_requests", new { owner = GitHubSimulation.ViewerLogin, repo = "hello-world", state = "all" }))!;
        pulls["pull_requests"]!.AsArray().ShouldNotBeEmpty();
        pulls["pull_requests"]!.AsArray().ShouldAllBe(p => p!["head"]!["sha"]!.GetValue<string>().Length == 40);

        // The second auth method: a personal access token entered as a credential.
        var patConnection = await server.CreateConnectionAsync(client, "github",
            new Dictionary<string, string> { ["token"] = GitHubSimulation.PersonalAccessToken }, "personal_access_token");
        (await server.RunActionAsync(client, patConnection, "get_authenticated_user", null))!["login"]!.GetValue<string>().ShouldBe(GitHubSimulation.ViewerLogin);
    }
}
