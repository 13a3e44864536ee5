using System.Net;

namespace Fastn.Connectors.BuiltIn.Tests.Infrastructure;

public sealed class FastnTestServerTests(FastnTestServerFixture fixture) : IClassFixture<FastnTestServerFixture>
{
    [Fact]
    public async Task ConnectOAuthAsync_AcmeSandboxPages_ConnectsAndRunsListContacts()
    {
        var server = fixture.Server;
        var client = server.CreateClient("tenant-acme");
        var pagesSeen = new List<Uri>();

        var connectionId = await server.ConnectOAuthAsync(client, "acme-crm", async (browser, authorizationUrl) =>
        {
            pagesSeen.Add(authorizationUrl);
            var login = await HtmlForms.GetPageAsync(browser, authorizationUrl);
            using var consentPage = await HtmlForms.SubmitAsync(browser, authorizationUrl, login,
                new Dictionary<string, string> { ["email"] = "demo@acme.example", ["password"] = "acme-demo" });
            var consentUrl = consentPage.RequestMessage!.RequestUri!;
            var consentHtml = await consentPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            consentPage.StatusCode.ShouldBe(HttpStatusCode.OK, consentHtml);
            consentHtml.ShouldContain("contacts.read");
            using var redirect = await HtmlForms.SubmitAsync(browser, consentUrl, consentHtml, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(redirect, consentUrl);
        });

        pagesSeen.ShouldHaveSingleItem().ToString().ShouldStartWith(server.SandboxAddress.ToString());
        connectionId.ShouldNotBeNullOrWhiteSpace();
        var output = await server.RunActionAsync(client, connectionId, "list_contacts", new { limit = 2 });
        output.ShouldNotBeNull().ToJsonString().ShouldContain("@");
    }

    [Fact]
    public async Task RunActionAsync_UnknownConnection_FailsWithProblemBody()
    {
        var server = fixture.Server;
        var client = server.CreateClient("tenant-missing");

        var failure = await Should.ThrowAsync<Xunit.Sdk.FailException>(() => server.RunActionAsync(client, "conn_missing", "list_contacts", null));

        failure.Message.ShouldContain("404");
        failure.Message.ShouldContain("fastn:not-found");
    }

    [Fact]
    public void HtmlForms_Parse_ReadsActionMethodAndHiddenInputs()
    {
        const string html = """
            <html><body>
            <form method="post" action="/sandbox/acme/oauth/login?x=1&amp;y=2">
              <input type="hidden" name="state" value="a&amp;b">
              <input type='hidden' name='client_id' value='fastn-local' />
              <input type="email" name="email">
            </form></body></html>
            """;

        var form = HtmlForms.Parse(html);

        form.Action.ShouldBe("/sandbox/acme/oauth/login?x=1&y=2");
        form.Method.ShouldBe("POST");
        form.Fields.ShouldBe(new Dictionary<string, string> { ["state"] = "a&b", ["client_id"] = "fastn-local" });
        form.Target(new Uri("http://127.0.0.1:5/sandbox/acme/oauth/authorize?q=1")).ToString().ShouldBe("http://127.0.0.1:5/sandbox/acme/oauth/login?x=1&y=2");
        Should.Throw<InvalidOperationException>(() => HtmlForms.Parse("<p>no form</p>"));
    }
}
