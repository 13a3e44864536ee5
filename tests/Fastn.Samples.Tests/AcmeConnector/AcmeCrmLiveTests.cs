using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;
using Fastn.Samples.AcmeConnector;
using Fastn.Samples.AcmeConnector.Models;
using Fastn.Samples.Tests.Acme;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Samples.Tests.AcmeConnector;

/// <summary>The connector against the real Acme sandbox on Kestrel: real OAuth tokens, HTTP, pagination and webhooks.</summary>
public sealed class AcmeCrmLiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Actions_OAuthConnectionToSandbox_CreateGetUpdateListDelete()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        var tokens = await AcmeOAuthScript.ConnectAsync(acme.Http);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        using var transport = new SocketsHttpHandler();
        // <snippet:live-host>
        var definition = AcmeCrm.Create(acme.BaseUrl);
        using var host = new ConnectorTestHost(definition,
            ConnectorTestHost.CredentialsFor(definition.Auth.Default!, accessToken: accessToken), transport);

        var me = await host.RunActionAsync<AcmeAccount>("get_current_user", new EmptyInput(), AcmeCrm.Json, Ct);
        var created = await host.RunActionAsync<AcmeContact>("create_contact",
            new CreateContactInput { Email = "ada@example.com", GivenName = "Ada", FamilyName = "Lovelace", Tags = ["vip"] }, AcmeCrm.Json, Ct);
        // </snippet:live-host>
        var got = await host.RunActionAsync<AcmeContact>("get_contact", new ContactIdInput { Id = created!.Id }, AcmeCrm.Json, Ct);
        var updated = await host.RunActionAsync<AcmeContact>("update_contact",
            new UpdateContactInput { Id = created.Id, Company = "Babbage & Co" }, AcmeCrm.Json, Ct);

        me.ShouldNotBeNull().Id.ShouldBe("acct_demo");
        me.CompanyName.ShouldBe("Acme Demo Inc.");
        me.Scopes.ShouldBe(["contacts.read", "contacts.write"], ignoreOrder: true);
        created.Id.ShouldStartWith("ct_");
        created.FullName.ShouldBe("Ada Lovelace");
        created.Tags.ShouldBe(["vip"]);
        got.ShouldBe(created with { Tags = got!.Tags });
        got.Tags.ShouldBe(["vip"]);
        updated.ShouldNotBeNull().Company.ShouldBe("Babbage & Co");
        updated.GivenName.ShouldBe("Ada");
        updated.Email.ShouldBe("ada@example.com");
        updated.UpdatedAt.ShouldNotBeNull().ShouldBeGreaterThan(created.UpdatedAt!.Value);
        acme.State.Contacts.Get(created.Id).ShouldNotBeNull().Company.ShouldBe("Babbage & Co");

        var pages = new List<AcmeContactPage>();
        string? cursor = null;
        do
        {
            var page = await host.RunActionAsync<AcmeContactPage>("list_contacts", new ListContactsInput { Limit = 20, Cursor = cursor }, AcmeCrm.Json, Ct);
            pages.Add(page.ShouldNotBeNull());
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        pages.Select(p => p.Data.Count).ShouldBe([20, 20, 11]);
        var listed = pages.SelectMany(p => p.Data).ToList();
        listed.Select(c => c.Id).Distinct().Count().ShouldBe(51);
        listed[^1].Id.ShouldBe(created.Id);
        listed[^1].Company.ShouldBe("Babbage & Co");

        var deleted = await host.RunActionAsync<DeleteResult>("delete_contact", new ContactIdInput { Id = created.Id }, AcmeCrm.Json, Ct);
        var afterDelete = await Should.ThrowAsync<UpstreamException>(
            () => host.RunActionAsync<AcmeContact>("get_contact", new ContactIdInput { Id = created.Id }, AcmeCrm.Json, Ct));

        deleted.ShouldBe(new DeleteResult(true, created.Id));
        afterDelete.StatusCode.ShouldBe(404);
        afterDelete.ProblemType.ShouldBe("fastn:upstream");
        acme.State.Contacts.Get(created.Id).ShouldBeNull();
    }

    [Fact]
    public async Task CreateContact_EmailAlreadyUsed_ThrowsValidationErrorOnEmail()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Connect(acme, transport);
        var existing = acme.State.Contacts.List(1).Data[0];

        var error = await Should.ThrowAsync<ConnectorValidationException>(() => host.RunActionAsync<AcmeContact>("create_contact",
            new CreateContactInput { Email = existing.Email }, AcmeCrm.Json, Ct));

        error.Path.ShouldBe("$.email");
        error.Message.ShouldContain("already used");
        acme.State.Contacts.Count.ShouldBe(50);
    }

    [Fact]
    public async Task GetCurrentUser_TokenExpired_ThrowsAuthRequired()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Connect(acme, transport);
        acme.Time.Advance(acme.State.Options.AccessTokenLifetime + TimeSpan.FromSeconds(1));

        var error = await Should.ThrowAsync<AuthRequiredException>(
            () => host.RunActionAsync<AcmeAccount>("get_current_user", new EmptyInput(), AcmeCrm.Json, Ct));

        error.ProblemType.ShouldBe("fastn:auth-required");
    }

    [Fact]
    public async Task PollAll_ContactChanged_ReturnsEverySeededContactAcrossPages()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new CappedPageSizeHandler(limit: 20);
        using var host = Connect(acme, transport);

        var records = await host.PollAllAsync("contact_changed", cancellationToken: Ct);

        transport.ListRequests.ShouldBe(3);
        records.Count.ShouldBe(50);
        records.Select(r => r.Id).Distinct().Count().ShouldBe(50);
        records.Select(r => r.Id).ShouldBe(acme.State.Contacts.List(100).Data.Select(c => c.Id));
        records.ShouldAllBe(r => r.Record["id"]!.GetValue<string>() == r.Id && r.Record["email"] != null);
    }

    [Fact]
    public async Task PollAll_SinceLastPoll_ReturnsOnlyContactsChangedSince()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new CappedPageSizeHandler(limit: 20);
        using var host = Connect(acme, transport);
        var seeded = acme.State.Contacts.List(100).Data;
        var lastPoll = AcmeSandboxHost.Start;
        acme.Time.Advance(TimeSpan.FromMinutes(1));
        await host.RunActionAsync<AcmeContact>("update_contact", new UpdateContactInput { Id = seeded[7].Id, Phone = "+1 555 0100" }, AcmeCrm.Json, Ct);
        await host.RunActionAsync<AcmeContact>("update_contact", new UpdateContactInput { Id = seeded[42].Id, Company = "Initech" }, AcmeCrm.Json, Ct);

        var records = await host.PollAllAsync("contact_changed", since: lastPoll, cancellationToken: Ct);

        records.Select(r => r.Id).ShouldBe([seeded[7].Id, seeded[42].Id]);
        records[0].Record["phone"]!.GetValue<string>().ShouldBe("+1 555 0100");
        records[1].Record["company"]!.GetValue<string>().ShouldBe("Initech");
    }

    [Fact]
    public async Task ContactEvent_DeliveryFromAcme_VerifiesAndExtractsTheContact()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Connect(acme, transport);
        var subscription = acme.State.Webhooks.Subscribe(receiver.Url, ["contact.created"]);
        var created = await host.RunActionAsync<AcmeContact>("create_contact",
            new CreateContactInput { Email = "hook@example.com", GivenName = "Hook" }, AcmeCrm.Json, Ct);

        var delivery = await receiver.NextAsync();
        var request = new WebhookRequest(Encoding.UTF8.GetBytes(delivery.Body), delivery.Headers);
        var verdict = host.VerifyWebhook("contact_event", request, subscription.Secret, acme.Time);
        var events = host.ExtractWebhook("contact_event", request);

        verdict.IsValid.ShouldBeTrue(verdict.Failure);
        var single = events.ShouldHaveSingleItem();
        single.Id.ShouldBe(delivery.Headers["webhook-id"]);
        single.Type.ShouldBe("contact.created");
        single.OccurredAt.ShouldBe(acme.Time.GetUtcNow());
        single.Payload.ShouldNotBeNull()["id"]!.GetValue<string>().ShouldBe(created!.Id);
        single.Payload["email"]!.GetValue<string>().ShouldBe("hook@example.com");

        var otherSecret = Fastn.Sandbox.Webhooks.StandardWebhooks.GenerateSecret();
        host.VerifyWebhook("contact_event", request, otherSecret, acme.Time).IsValid.ShouldBeFalse();
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(delivery.Body.Replace("hook@", "h00k@", StringComparison.Ordinal)), delivery.Headers);
        host.VerifyWebhook("contact_event", tampered, subscription.Secret, acme.Time).IsValid.ShouldBeFalse();
        host.VerifyWebhook("contact_event", request, subscription.Secret, new FakeTimeProvider(acme.Time.GetUtcNow().AddMinutes(10))).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task ContactEntity_SandboxContact_MapsToCdmContactAndBack()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Connect(acme, transport);
        var definition = host.Definition;
        var seeded = acme.State.Contacts.List(1).Data[0];
        var native = (await host.RunActionAsync("get_contact", new JsonObject { ["id"] = seeded.Id }, Ct)).ShouldBeOfType<JsonObject>();

        // <snippet:cdm-mapping>
        var entity = definition.FindEntity("contact")!;
        var cdm = entity.ToCdm(native);      // Acme's snake_case contact → CDMContact
        var back = entity.FromCdm(cdm);      // CDMContact → the body Acme accepts
        // </snippet:cdm-mapping>

        cdm["id"]!.GetValue<string>().ShouldBe(seeded.Id);
        cdm["email"]!.GetValue<string>().ShouldBe(seeded.Email);
        cdm["firstName"]!.GetValue<string>().ShouldBe(seeded.GivenName);
        cdm["lastName"]!.GetValue<string>().ShouldBe(seeded.FamilyName);
        cdm["company"]!.GetValue<string>().ShouldBe(seeded.Company);
        cdm["phone"]!.GetValue<string>().ShouldBe(seeded.Phone);
        cdm["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(seeded.Tags);
        DateTimeOffset.Parse(cdm["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(seeded.CreatedAt);
        DateTimeOffset.Parse(cdm["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(seeded.UpdatedAt);
        cdm.ContainsKey("full_name").ShouldBeFalse();
        back["given_name"]!.GetValue<string>().ShouldBe(seeded.GivenName);
        back["family_name"]!.GetValue<string>().ShouldBe(seeded.FamilyName);
        back["email"]!.GetValue<string>().ShouldBe(seeded.Email);
        back["company"]!.GetValue<string>().ShouldBe(seeded.Company);
        back.ContainsKey("full_name").ShouldBeFalse();

        var coverage = CdmCoverage.Of(entity).ShouldNotBeNull();
        coverage.MissingRequired.ShouldBeEmpty();
        coverage.Unmapped.ShouldBe(["addresses", "customFields"], ignoreOrder: true);
    }

    [Fact]
    public async Task CreateContact_FromCdmRecord_CreatesTheContactInAcme()
    {
        await using var acme = await AcmeSandboxHost.StartAsync();
        using var transport = new SocketsHttpHandler();
        using var host = Connect(acme, transport);
        var entity = host.Definition.FindEntity("contact")!;
        var cdm = new JsonObject { ["email"] = "grace@example.com", ["firstName"] = "Grace", ["lastName"] = "Hopper", ["tags"] = new JsonArray("navy") };

        var output = await host.RunActionAsync("create_contact", entity.FromCdm(cdm), Ct);

        var id = output.ShouldNotBeNull()["id"]!.GetValue<string>();
        var stored = acme.State.Contacts.Get(id).ShouldNotBeNull();
        stored.Email.ShouldBe("grace@example.com");
        stored.FullName.ShouldBe("Grace Hopper");
        stored.Tags.ShouldBe(["navy"]);
        entity.ToCdm(output.AsObject())["lastName"]!.GetValue<string>().ShouldBe("Hopper");
    }

    private static ConnectorTestHost Connect(AcmeSandboxHost acme, HttpMessageHandler transport)
    {
        var definition = AcmeCrm.Create(acme.BaseUrl);
        var token = acme.State.IssueTokens().AccessToken;
        return new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(definition.Auth.Default!, accessToken: token), transport);
    }
}
