using System.Globalization;
using System.Text.Json;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using Fastn.Samples.AcmeConnector.Models;

namespace Fastn.Samples.AcmeConnector;

/// <summary>
/// The docs' walk-through connector: Acme CRM (OAuth2 with PKCE, contacts CRUD with cursor pagination,
/// a poll trigger on <c>updated_since</c>, Standard Webhooks, and the contact entity mapped to CDMContact).
/// </summary>
[FastnConnector]
public static class AcmeCrm
{
    /// <summary>Where Acme runs by default: the local sandbox served by <c>dotnet run --project src/Fastn.Server</c>.</summary>
    public const string DefaultBaseUrl = "http://localhost:5173/sandbox/acme";

    /// <summary>Acme's JSON is snake_case: schemas, inputs, outputs and the wire all use it.</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.SnakeCase;

    /// <summary>The connector against the default sandbox URL.</summary>
    public static ConnectorDefinition Definition { get; } = Create(DefaultBaseUrl);

    /// <summary>The connector against an Acme at <paramref name="acmeBaseUrl"/> (the server passes its own sandbox URL).</summary>
    public static ConnectorDefinition Create(string acmeBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(acmeBaseUrl);
        var root = acmeBaseUrl.TrimEnd('/');
        return new ConnectorDefinition
        {
            // <snippet:definition>
            Name = "acme-crm",
            DisplayName = "Acme CRM",
            Description = "Contacts in Acme CRM, the sample app of the Fastn walk-through.",
            Categories = ["crm", "sample"],
            BaseUrl = root + "/api/v1",
            DocumentationUrl = root,
            JsonOptions = Json,
            // </snippet:definition>
            // <snippet:auth>
            Auth = Auth.OAuth2(o =>
            {
                o.AuthorizationUrl = root + "/oauth/authorize";
                o.TokenUrl = root + "/oauth/token";
                o.RevocationUrl = root + "/oauth/revoke";
                // RFC 9207: Acme names itself in every authorization response; the callback checks it.
                o.Issuer = root;
                o.Scopes = ["contacts.read", "contacts.write"];
                o.Pkce = true;
            }),
            Capabilities = new ConnectorCapabilities { TestAction = "get_current_user" },
            // </snippet:auth>
            Actions =
            {
                // <snippet:action-get-current-user>
                Define.Action<EmptyInput, AcmeAccount>("get_current_user", "Get the Acme account the connection belongs to.",
                    (_, ctx, ct) => ctx.Http.GetJsonAsync<AcmeAccount>("me", ct),
                    ActionHints.Read("account"), Json),
                // </snippet:action-get-current-user>
                // <snippet:action-list-contacts>
                Define.Action<ListContactsInput, AcmeContactPage>("list_contacts", "List contacts in creation order, one page at a time.",
                    (input, ctx, ct) => ctx.Http.GetJsonAsync<AcmeContactPage>(ListUrl(input.Limit ?? 25, input.Cursor, input.UpdatedSince), ct)
                        .WithValidationErrorsAsync(),
                    ActionHints.Read("contacts") with
                    {
                        LlmDescription = "List Acme CRM contacts. Pass next_cursor back as cursor to get the next page; updated_since filters by last change.",
                    }, Json),
                // </snippet:action-list-contacts>
                Define.Action<ContactIdInput, AcmeContact>("get_contact", "Get one contact by id.",
                    (input, ctx, ct) => ctx.Http.GetJsonAsync<AcmeContact>(ctx.Http.Path("contacts/{id}", input.Id), ct),
                    ActionHints.Read("contacts"), Json),
                // <snippet:action-create-contact>
                Define.Action<CreateContactInput, AcmeContact>("create_contact", "Create a contact.",
                    (input, ctx, ct) => ctx.Http.PostJsonAsync<AcmeContact>("contacts", input, ct).WithValidationErrorsAsync(),
                    ActionHints.Write("contacts"), Json),
                // </snippet:action-create-contact>
                Define.Action<UpdateContactInput, AcmeContact>("update_contact", "Change fields of a contact; fields left out stay as they are.",
                    (input, ctx, ct) => ctx.Http.PatchJsonAsync<AcmeContact>(ctx.Http.Path("contacts/{id}", input.Id),
                        new { input.Email, input.GivenName, input.FamilyName, input.Company, input.Phone, input.Tags }, ct).WithValidationErrorsAsync(),
                    ActionHints.Write("contacts") with { Idempotent = true }, Json),
                Define.Action<ContactIdInput, DeleteResult>("delete_contact", "Delete a contact.",
                    async (input, ctx, ct) =>
                    {
                        await ctx.Http.DeleteAsync(ctx.Http.Path("contacts/{id}", input.Id), ct);
                        return new DeleteResult(true, input.Id);
                    },
                    ActionHints.Delete("contacts"), Json),
            },
            Triggers =
            {
                // <snippet:poll-trigger>
                Define.PollTrigger<AcmeContact>("contact_changed", "A contact was created or updated (found by polling updated_since).",
                    fetchPage: async (request, ctx, ct) =>
                    {
                        // The first page filters by the last poll's time; Acme's cursors carry that filter on.
                        var since = request.Cursor is null ? request.Since : null;
                        var page = await ctx.Http.GetJsonAsync<AcmeContactPage>(ListUrl(request.PageSize, request.Cursor, since), ct);
                        return new PollPage<AcmeContact>(page.Data, page.NextCursor);
                    },
                    recordId: c => c.Id, every: TimeSpan.FromMinutes(1), json: Json),
                // </snippet:poll-trigger>
                // <snippet:webhook-trigger>
                Define.WebhookTrigger("contact_event", "Acme pushed a contact.created, contact.updated or contact.deleted event.",
                    verify: AcmeWebhooks.Verify, extract: AcmeWebhooks.Extract,
                    eventTypes: ["contact.created", "contact.updated", "contact.deleted"]),
                // </snippet:webhook-trigger>
            },
            Entities =
            {
                // <snippet:entity>
                Define.Entity<AcmeContact>("contact", Cdm.Contact, e => e
                    .Native("Contact")
                    .Id(c => c.Id)
                    .UpdatedAt(c => c.UpdatedAt)
                    .Supports(EntityOperations.List, "list_contacts")
                    .Supports(EntityOperations.Get, "get_contact")
                    .Supports(EntityOperations.Create, "create_contact")
                    .Supports(EntityOperations.Update, "update_contact")
                    .Supports(EntityOperations.Delete, "delete_contact")
                    .Map(c => c.Id, Cdm.Contact.Id)
                    .Map(c => c.Email, Cdm.Contact.Email)
                    .Map(c => c.GivenName, Cdm.Contact.FirstName)
                    .Map(c => c.FamilyName, Cdm.Contact.LastName)
                    .Map(c => c.Company, Cdm.Contact.Company)
                    .Map(c => c.Phone, Cdm.Contact.Phone)
                    .Map(c => c.Tags, Cdm.Contact.Tags)
                    .Map(c => c.CreatedAt, Cdm.Contact.CreatedAt)
                    .Map(c => c.UpdatedAt, Cdm.Contact.UpdatedAt), Json),
                // </snippet:entity>
            },
        };
    }

    private static string ListUrl(int limit, string? cursor, DateTimeOffset? updatedSince)
    {
        var url = $"contacts?limit={Math.Clamp(limit, 1, 100).ToString(CultureInfo.InvariantCulture)}";
        if (cursor is not null)
        {
            url += "&cursor=" + Uri.EscapeDataString(cursor);
        }

        if (updatedSince is { } since)
        {
            url += "&updated_since=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        return url;
    }
}
