using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Sandbox.Vendors.Stripe;
using Fastn.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fastn.E2E;

/// <summary>Flows and runs in the dashboard: build a flow from the step picker, test it step by step, find the run, and see validation problems with their paths.</summary>
public sealed partial class FlowPagesTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private FastnServerHost Server => fixture.Server;

    [Fact]
    public async Task NewFlow_PickStripeBalance_SaveTestAndSeeTheRun()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/connectors/stripe/connect");
        var tenant = await AddTenantAsync(page, "flows");
        var connection = await ConnectStripeAsync(page);

        await page.ClickAsync("#nav-flows");
        await Expect(page).ToHaveURLAsync(new Regex("/flows$"));
        await page.ClickAsync("#flow-new");
        await Expect(page).ToHaveURLAsync(new Regex("/flows/new$"));

        var name = $"balance-{Guid.NewGuid():N}"[..16];
        await page.FillAsync("#flow-name", name);
        await page.PressAsync("#flow-name", "Tab");
        await Expect(page.Locator("#flow-json")).ToHaveValueAsync(new Regex($"\"name\": \"{name}\""));

        // Connection, then its connector, then the action.
        await page.SelectOptionAsync("#pick-connection", connection);
        await Expect(page.Locator("#pick-connector")).ToHaveAttributeAsync("data-connector", "stripe");
        var action = page.Locator("#pick-actions li[data-action=get_balance]");
        await Expect(action).ToContainTextAsync("read-only");
        await action.Locator(".fd-pick-add").ClickAsync();
        await Expect(page.Locator("#flow-json")).ToHaveValueAsync(new Regex("\"id\": \"get_balance\",\\s*\"connector\": \"stripe\",\\s*\"action\": \"get_balance\""));

        await page.ClickAsync("#flow-save");
        await Expect(page).ToHaveURLAsync(new Regex("/flows/flow_[^/]+$"));
        await Expect(page.Locator("#flow-message")).ToContainTextAsync("Saved the draft");
        await Expect(page.Locator("#flow-unsaved")).ToHaveCountAsync(0);

        // The test panel shows the step as it finishes, with the app's data.
        await Expect(page.Locator("#test-payload")).ToHaveValueAsync("{}");
        await Expect(page.Locator("#test-tenant")).ToHaveTextAsync(tenant);
        await page.ClickAsync("#test-run");
        var step = page.Locator("#test-result tr[data-step-id=get_balance]");
        await Expect(step.Locator(".fd-step-status")).ToHaveTextAsync("succeeded");
        await Expect(step).ToContainTextAsync("action");
        await Expect(step.Locator(".fd-step-output")).ToContainTextAsync("\"available\"");
        await Expect(page.Locator("#test-result")).ToHaveAttributeAsync("data-status", "succeeded");
        var run = await page.Locator("#test-result").GetAttributeAsync("data-run");
        run.ShouldNotBeNull();
        (await page.ContentAsync()).ShouldNotContain(StripeSimulation.DemoSecretKey);

        // The flow is in the list; the run is on the Runs page and its own page.
        await page.ClickAsync("#nav-flows");
        var row = page.Locator($"#flows tr[data-name='{name}']");
        await Expect(row.Locator(".fd-flow-version")).ToHaveTextAsync("never");
        await page.ClickAsync("#nav-runs");
        var runRow = page.Locator($"#runs tr[data-run='{run}']");
        await Expect(runRow).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(runRow).ToContainTextAsync(name);
        await Expect(runRow).ToContainTextAsync("test");
        await runRow.Locator(".fd-run-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/runs/{Regex.Escape(run)}$"));
        await Expect(page.Locator("#run-detail tr[data-step-id=get_balance] .fd-step-status")).ToHaveTextAsync("succeeded");
        await Expect(page.Locator("#run-detail tr[data-step-id=get_balance] .fd-step-output")).ToContainTextAsync("\"available\"");

        // Publish (the first publish enables it), then switch it off from the flow page.
        await page.ClickAsync("#run-flow");
        await Expect(page.Locator("#flow-title")).ToHaveTextAsync(name);
        await Expect(page.Locator("#flow-enabled")).ToBeDisabledAsync();
        await page.ClickAsync("#flow-publish");
        await Expect(page.Locator("#flow-message")).ToContainTextAsync("Published version 1");
        await Expect(page.Locator("#flow-enabled")).ToBeCheckedAsync();
        await page.ClickAsync("#nav-flows");
        await Expect(row.Locator(".fd-flow-version")).ToHaveTextAsync("v1");
        await Expect(row.Locator(".fd-flow-enabled")).ToHaveTextAsync("yes");
        await Expect(row.Locator(".fd-flow-draft")).ToHaveTextAsync("same as published");
        await row.Locator(".fd-flow-link").ClickAsync();
        await page.UncheckAsync("#flow-enabled");
        await Expect(page.Locator("#flow-message")).ToContainTextAsync("Disabled");
        await page.ClickAsync("#nav-flows");
        await Expect(row.Locator(".fd-flow-enabled")).ToHaveTextAsync("no");
        fixture.Log(page).PageErrors.ShouldBeEmpty();
        fixture.Log(page).OutsideRequests.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FlowEditor_ReferenceToAMissingStep_ValidateShowsThePathAndSaveRefuses()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/flows/new");
        await Expect(page.Locator("#flow-json")).ToHaveValueAsync(new Regex("fastn.flow/v1"));
        var name = $"broken-{Guid.NewGuid():N}"[..15];
        var definition = new JsonObject
        {
            ["schema"] = "fastn.flow/v1",
            ["name"] = name,
            ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(new JsonObject { ["type"] = "transform", ["id"] = "echo", ["value"] = "{{ steps.nope.output }}" }),
        };
        await page.FillAsync("#flow-json", definition.ToJsonString());
        await Expect(page.Locator("#flow-name")).ToHaveValueAsync(name);

        await page.ClickAsync("#flow-validate");
        var problem = page.Locator("#flow-problems li[data-path^='$.steps[0]']");
        await Expect(problem).ToContainTextAsync("This refers to a step 'nope' that does not exist");
        await Expect(page.Locator("#flow-message")).ToHaveCountAsync(0);

        await page.ClickAsync("#flow-save");
        await Expect(page.Locator("#flow-message")).ToContainTextAsync("Not saved");
        await Expect(page).ToHaveURLAsync(new Regex("/flows/new$"));
        await Expect(problem).ToBeVisibleAsync();

        // Broken JSON is a problem at $, not a crash; fixing the reference makes it valid.
        await page.FillAsync("#flow-json", "{ \"name\": ");
        await Expect(page.Locator("#flow-json-error")).ToContainTextAsync("does not parse");
        definition["steps"]![0]!["value"] = "{{ trigger.payload }}";
        await page.FillAsync("#flow-json", definition.ToJsonString());
        await page.ClickAsync("#flow-validate");
        await Expect(page.Locator("#flow-message")).ToContainTextAsync("The definition is valid");
        await Expect(page.Locator("#flow-problems")).ToHaveCountAsync(0);
        fixture.Log(page).PageErrors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    /// <summary>Connects the sandbox Stripe with its demo key on the Connect page and returns the connection id.</summary>
    private static async Task<string> ConnectStripeAsync(IPage page)
    {
        await page.FillAsync("#field-api_key", StripeSimulation.DemoSecretKey);
        await page.ClickAsync("#connect-submit");
        await Expect(page.Locator("#connect-test-result")).ToContainTextAsync("Test connection passed");
        return await page.Locator("#connected-id").InnerTextAsync();
    }

    private async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await page.FillAsync("#api-key", Server.AdminKey);
        await page.ClickAsync("#signin-submit");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Expect(page.Locator("#signout")).ToBeVisibleAsync();
    }

    /// <summary>Adds a tenant through the switcher and waits until it is the selected one.</summary>
    private static async Task<string> AddTenantAsync(IPage page, string prefix)
    {
        var tenant = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await page.ClickAsync("#tenant-add");
        await page.FillAsync("#tenant-new-id", tenant);
        await page.ClickAsync("#tenant-create");
        await Expect(page.Locator("#tenant-switcher")).ToHaveValueAsync(tenant);
        return tenant;
    }

    [GeneratedRegex("/signin\\?returnUrl=")]
    private static partial Regex SignInUrl();
}
