using System.Diagnostics;
using System.Net;
using System.Text;

namespace Fastn.Connectors.BuiltIn.Tests.Specs;

public sealed class OpenApiSpecTests
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Json = "application/json";

    [Theory]
    [InlineData("stripe")]
    [InlineData("github")]
    [InlineData("slack")]
    [InlineData("xero")]
    public void Load_EachVendor_ParsesOnceAndIsCached(string vendor)
    {
        var clock = Stopwatch.StartNew();
        var spec = OpenApiSpec.Load(vendor);
        var first = clock.Elapsed;

        TestContext.Current.TestOutputHelper?.WriteLine($"{vendor}: parsed in {spec.LoadTime.TotalMilliseconds:F0} ms ({first.TotalMilliseconds:F0} ms incl. waiting), {spec.PathTemplates.Count()} paths, {new FileInfo(spec.FilePath).Length / 1024} KiB");
        OpenApiSpec.Load(vendor).ShouldBeSameAs(spec);
        spec.PathTemplates.ShouldNotBeEmpty();
        spec.LoadTime.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Load_ConcurrentCallers_ShareOneInstance()
    {
        var loads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => OpenApiSpec.Load("github"), TestContext.Current.CancellationToken));

        var specs = await Task.WhenAll(loads);

        specs.Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public void Load_MissingFile_SaysToRunTestScript()
    {
        var empty = Path.Combine(Path.GetTempPath(), "fastn-no-specs-" + Guid.NewGuid().ToString("N"));

        var error = Should.Throw<FileNotFoundException>(() => OpenApiSpec.LoadFrom(empty, "stripe"));

        error.Message.ShouldContain("./test.sh");
        error.Message.ShouldContain(OpenApiSpec.DirectoryVariable);
    }

    [Fact]
    public void Load_UnknownVendor_Throws()
    {
        Should.Throw<ArgumentException>(() => OpenApiSpec.Load("myspace"));
    }

    [Fact]
    public void CheckRequest_StripeCustomerCreateWithBracketMetadata_Passes()
    {
        var spec = OpenApiSpec.Load("stripe");

        var problems = spec.CheckRequest("POST", "/v1/customers", Form + "; charset=utf-8",
            "name=Jane+Doe&email=jane%40example.com&metadata[crm_id]=42&metadata[source]=fastn&address[city]=Paris&address[line1]=1+Rue&expand[]=tax&preferred_locales[0]=fr");

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void CheckRequest_StripeUnknownFormField_NamesIt()
    {
        var spec = OpenApiSpec.Load("stripe");

        var problems = spec.CheckRequest("POST", "/v1/customers", Form, "name=Jane&nickname=JD&address[planet]=Mars");

        problems.Count.ShouldBe(2, string.Join('\n', problems));
        problems.ShouldContain(p => p.StartsWith("$.nickname: unknown property", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("$.address.planet: unknown property", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckRequest_StripeNestedArrayItems_ChecksEachItem()
    {
        var spec = OpenApiSpec.Load("stripe");

        var ok = spec.CheckRequest("POST", "/v1/subscriptions", Form, "customer=cus_1&items[0][price]=price_1&items[0][quantity]=2&items[1][price]=price_2");
        var bad = spec.CheckRequest("POST", "/v1/subscriptions", Form, "customer=cus_1&items[0][price]=price_1&items[1][colour]=red");

        ok.ShouldBeEmpty();
        bad.ShouldHaveSingleItem().ShouldStartWith("$.items[1].colour: unknown property");
    }

    [Fact]
    public void CheckRequest_StripeListWithDeepObjectQuery_Passes()
    {
        var spec = OpenApiSpec.Load("stripe");

        spec.CheckRequest("GET", "/v1/customers?limit=3&created[gte]=1700000000&expand[]=data.default_source&starting_after=cus_1", null, null).ShouldBeEmpty();
    }

    [Fact]
    public void CheckRequest_UnknownQueryParameter_NamesIt()
    {
        var spec = OpenApiSpec.Load("stripe");

        var problems = spec.CheckRequest("GET", "/v1/customers?limit=3&page_size=10", null, null);

        problems.ShouldHaveSingleItem().ShouldContain("'page_size'");
    }

    [Fact]
    public void CheckRequest_UnknownPath_Fails()
    {
        var spec = OpenApiSpec.Load("stripe");

        spec.CheckRequest("GET", "/v1/customerz/cus_123", null, null).ShouldHaveSingleItem().ShouldContain("matches no path template");
    }

    [Fact]
    public void CheckRequest_MethodNotOnPath_Fails()
    {
        var spec = OpenApiSpec.Load("github");

        spec.CheckRequest("PUT", "/repos/octo/hello/issues", Json, """{"title":"x"}""").ShouldHaveSingleItem().ShouldContain("method PUT is not defined");
    }

    [Fact]
    public void CheckRequest_GitHubCreateIssue_PassesAndUnknownFieldFails()
    {
        var spec = OpenApiSpec.Load("github");

        var ok = spec.CheckRequest("POST", "https://api.github.com/repos/octo/hello/issues", Json,
            """{"title":"Found a bug","body":"It broke","labels":["bug",{"name":"p1"}],"assignees":["octocat"],"milestone":null}""");
        var bad = spec.CheckRequest("POST", "/repos/octo/hello/issues", Json, """{"title":"Found a bug","priority":"high"}""");

        ok.ShouldBeEmpty();
        bad.ShouldHaveSingleItem().ShouldStartWith("$.priority: unknown property");
    }

    [Fact]
    public void CheckRequest_GitHubMissingRequiredBodyField_Fails()
    {
        var spec = OpenApiSpec.Load("github");

        spec.CheckRequest("POST", "/repos/octo/hello/issues", Json, """{"body":"no title"}""")
            .ShouldHaveSingleItem().ShouldBe("$.title: required property is missing");
    }

    [Fact]
    public void CheckRequest_GitHubWrongTypeInBody_Fails()
    {
        var spec = OpenApiSpec.Load("github");

        spec.CheckRequest("POST", "/repos/octo/hello/issues", Json, """{"title":"x","assignees":"octocat"}""")
            .ShouldHaveSingleItem().ShouldStartWith("$.assignees: expected array");
    }

    [Fact]
    public void CheckRequest_SlackPostMessageUnderServerPath_Passes()
    {
        var spec = OpenApiSpec.Load("slack");

        spec.CheckRequest("POST", "/api/chat.postMessage", Form, "channel=C0123456789&text=Hello&unfurl_links=false").ShouldBeEmpty();
        spec.CheckRequest("POST", "/sandbox/slack/api/chat.postMessage", Form, "channel=C0123456789&text=Hello").ShouldBeEmpty();
        spec.CheckRequest("POST", "/api/chat.postMessage", Form, "text=Hello").ShouldHaveSingleItem().ShouldBe("$.channel: required property is missing");
    }

    [Fact]
    public void CheckRequest_SlackGetWithBearerInsteadOfTokenParameter_Passes()
    {
        var spec = OpenApiSpec.Load("slack");

        spec.CheckRequest("GET", "/api/users.info?user=U0123456789", null, null).ShouldBeEmpty();
        spec.CheckRequest("GET", "/api/conversations.history?channel=C0123456789&limit=20&cursor=abc", null, null).ShouldBeEmpty();
        spec.CheckRequest("GET", "/api/conversations.history?channel=C0123456789&count=20", null, null).ShouldHaveSingleItem().ShouldContain("'count'");
    }

    [Fact]
    public void CheckRequest_XeroContactsUnderServerPath_Passes()
    {
        var spec = OpenApiSpec.Load("xero");

        spec.CheckRequest("GET", "/api.xro/2.0/Contacts?where=Name%3D%22ACME%22&page=2&includeArchived=true", null, null).ShouldBeEmpty();
        spec.CheckRequest("GET", "/api.xro/2.0/Contacts/5cc8cf28-567e-4d43-b287-687cfcaec47c", null, null).ShouldBeEmpty();
        spec.CheckRequest("POST", "/api.xro/2.0/Contacts", Json, """{"Contacts":[{"Name":"ACME","EmailAddress":"a@acme.example","Colour":"red"}]}""")
            .ShouldHaveSingleItem().ShouldStartWith("$.Contacts[0].Colour: unknown property");
    }

    [Fact]
    public void CheckResponse_SlackPostMessageWithExtraField_NamesIt()
    {
        var spec = OpenApiSpec.Load("slack");
        const string message = """{"type":"message","subtype":"bot_message","text":"Hello","ts":"1503435956.000247","bot_id":"B19LU7CSY"}""";

        var ok = spec.CheckResponse("POST", "/api/chat.postMessage", 200, $$"""{"ok":true,"channel":"C1H9RESGL","ts":"1503435956.000247","message":{{message}}}""");
        var bad = spec.CheckResponse("POST", "/api/chat.postMessage", 200, $$"""{"ok":true,"channel":"C1H9RESGL","ts":"1503435956.000247","message":{{message}},"warning":"superfluous"}""");

        ok.ShouldBeEmpty();
        bad.ShouldHaveSingleItem().ShouldStartWith("$.warning: unknown property");
    }

    [Fact]
    public void CheckResponse_SlackErrorWithStatus200_FollowsDefaultSchema()
    {
        var spec = OpenApiSpec.Load("slack");

        spec.CheckResponse("POST", "/api/chat.postMessage", 200, """{"ok":false,"error":"channel_not_found"}""").ShouldBeEmpty();
        spec.CheckResponse("POST", "/api/chat.postMessage", 200, """{"ok":false,"error":"channel_not_found","hint":"x"}""").ShouldNotBeEmpty();
    }

    [Fact]
    public void CheckResponse_XeroContacts_Passes()
    {
        var spec = OpenApiSpec.Load("xero");
        const string body = """
            {"Id":"04e93d48-e72f-4775-b7dd-15a041fab972","Status":"OK","ProviderName":"Fastn","DateTimeUTC":"\/Date(1551399323399)\/",
             "Contacts":[{"ContactID":"5cc8cf28-567e-4d43-b287-687cfcaec47c","ContactStatus":"ACTIVE","Name":"Katherine Warren",
               "FirstName":"Katherine","LastName":"Warren","EmailAddress":"kat.warren@clampett.com",
               "Addresses":[{"AddressType":"STREET","City":"Wellington","Country":"NZ"}],
               "Phones":[{"PhoneType":"MOBILE","PhoneNumber":"555"}],
               "UpdatedDateUTC":"\/Date(1551399321121+0000)\/","IsSupplier":false,"IsCustomer":true,"HasAttachments":false}]}
            """;

        spec.CheckResponse("GET", "/api.xro/2.0/Contacts?page=1", 200, body).ShouldBeEmpty();
    }

    [Fact]
    public void CheckResponse_XeroUnknownNestedField_NamesPath()
    {
        var spec = OpenApiSpec.Load("xero");

        spec.CheckResponse("GET", "/api.xro/2.0/Contacts", 200, """{"Contacts":[{"ContactID":"5cc8cf28-567e-4d43-b287-687cfcaec47c","Addresses":[{"City":"Wellington","Planet":"Earth"}]}]}""")
            .ShouldHaveSingleItem().ShouldStartWith("$.Contacts[0].Addresses[0].Planet: unknown property");
    }

    [Fact]
    public void CheckResponse_StripeCustomer_PassesAndWrongTypeFails()
    {
        var spec = OpenApiSpec.Load("stripe");
        const string valid = """{"id":"cus_1","object":"customer","created":1700000000,"livemode":false,"email":"jane@example.com","name":"Jane","metadata":{"crm_id":"42"},"balance":0,"default_source":null,"address":null}""";
        const string wrongType = """{"id":"cus_1","object":"customer","created":"yesterday","livemode":false,"metadata":{}}""";
        const string nullNotNullable = """{"id":"cus_1","object":"customer","created":1700000000,"livemode":null}""";

        spec.CheckResponse("GET", "/v1/customers/cus_1", 200, valid).ShouldBeEmpty();
        spec.CheckResponse("GET", "/v1/customers/cus_1", 200, wrongType).ShouldHaveSingleItem().ShouldStartWith("$.created: expected integer, got string");
        spec.CheckResponse("GET", "/v1/customers/cus_1", 200, nullNotNullable).ShouldHaveSingleItem().ShouldStartWith("$.livemode: null");
    }

    [Fact]
    public void CheckResponse_StripeExpandableField_AcceptsIdOrObject()
    {
        var spec = OpenApiSpec.Load("stripe");
        const string asId = """{"id":"pi_1","object":"payment_intent","amount":100,"currency":"usd","customer":"cus_1","livemode":false,"created":1}""";
        const string asObject = """{"id":"pi_1","object":"payment_intent","amount":100,"currency":"usd","customer":{"id":"cus_1","object":"customer","created":1,"livemode":false,"shoe_size":9},"livemode":false,"created":1}""";

        spec.CheckResponse("GET", "/v1/payment_intents/pi_1", 200, asId).ShouldBeEmpty();
        spec.CheckResponse("GET", "/v1/payment_intents/pi_1", 200, asObject).ShouldContain(p => p.StartsWith("$.customer.shoe_size: unknown property", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckResponse_RequireRequired_ReportsMissingOnlyWhenAsked()
    {
        var spec = OpenApiSpec.Load("stripe");
        const string body = """{"id":"cus_1","object":"customer"}""";

        spec.CheckResponse("POST", "/v1/customers", 200, body).ShouldBeEmpty();
        var problems = spec.CheckResponse("POST", "/v1/customers", 200, body, requireRequired: true);
        problems.ShouldContain("$.created: required property is missing");
        problems.ShouldContain("$.livemode: required property is missing");
    }

    [Fact]
    public void CheckResponse_StripeErrorStatus_UsesDefaultSchema()
    {
        var spec = OpenApiSpec.Load("stripe");

        spec.CheckResponse("POST", "/v1/customers", 400, """{"error":{"type":"invalid_request_error","message":"Missing","param":"email"}}""").ShouldBeEmpty();
        spec.CheckResponse("POST", "/v1/customers", 400, """{"error":{"type":"invalid_request_error","reason":"x"}}""")
            .ShouldHaveSingleItem().ShouldStartWith("$.error.reason: unknown property");
    }

    [Fact]
    public void CheckResponse_GitHubUndocumentedStatus_Fails()
    {
        var spec = OpenApiSpec.Load("github");

        spec.CheckResponse("POST", "/repos/octo/hello/issues", 418, "{}").ShouldHaveSingleItem().ShouldContain("418");
    }

    [Fact]
    public async Task SpecCheckingHandler_ChecksRequestAndResponse_PrefixesProblems()
    {
        var spec = OpenApiSpec.Load("stripe");
        using var handler = new SpecCheckingHandler(spec, new CannedHandler("""{"id":"cus_1","object":"customer","created":1,"livemode":false,"mood":"happy"}"""));
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/sandbox/stripe/") };
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@b.example", ["metadata[k]"] = "v", ["colour"] = "red" });

        using var response = await client.PostAsync("v1/customers", content, TestContext.Current.CancellationToken);

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("mood");
        handler.RequestCount.ShouldBe(1);
        handler.Problems.Count.ShouldBe(2, string.Join('\n', handler.Problems));
        handler.Problems.ShouldContain(p => p.StartsWith("POST /sandbox/stripe/v1/customers: $.colour: unknown property", StringComparison.Ordinal));
        handler.Problems.ShouldContain(p => p.StartsWith("POST /sandbox/stripe/v1/customers: $.mood: unknown property", StringComparison.Ordinal));
    }

    /// <summary>The vendor stand-in for the handler test: answers every request with one JSON body.</summary>
    private sealed class CannedHandler(string json) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The inner handler must still be able to read the body the checker buffered.
            if (request.Content is not null)
            {
                (await request.Content.ReadAsStringAsync(cancellationToken)).ShouldNotBeEmpty();
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
