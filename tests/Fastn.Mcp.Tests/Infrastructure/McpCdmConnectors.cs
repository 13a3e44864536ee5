using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Mcp.Tests.Infrastructure;

/// <summary>
/// Two in-memory address books with a <c>CDMContact</c> entity the unified API lists: <c>mcp-people</c> filters by
/// e-mail, <c>mcp-crm</c> cannot filter and ignores the limit (fixed pages of 3). Every connection holds three people whose e-mails carry its connection id, so
/// a test can tell whose records it got back.
/// </summary>
public static class McpCdmConnectors
{
    public const string People = "mcp-people";
    public const string Crm = "mcp-crm";

    /// <summary>Connections whose key starts so have every list refused (403), as an app failing mid-search would.</summary>
    public const string RefusedKeyPrefix = "refused-";

    private const int FixedPageSize = 3;

    public sealed record Person(string Id, string Email, string Name);

    public sealed record ListPeopleInput(int? Limit, int? Offset, string? Email);

    public sealed record PeoplePage(IReadOnlyList<Person> People, int? NextOffset);

    /// <summary>The e-mail of one of a connection's people: <c>ada</c>, <c>alan</c> or <c>grace</c>.</summary>
    public static string Email(string name, string connectionId) => $"{name}@{connectionId}.example";

    public static ConnectorDefinition PeopleConnector() => Create(People, "People", filterByEmail: true);

    public static ConnectorDefinition CrmConnector() => Create(Crm, "CRM", filterByEmail: false);

    private static ConnectorDefinition Create(string name, string displayName, bool filterByEmail)
    {
        var definition = new ConnectorDefinition { Name = name, DisplayName = displayName, Description = "An address book.", Auth = Auth.ApiKeyHeader("X-Api-Key") };
        definition.Actions.Add(Define.Action<ListPeopleInput, PeoplePage>("list_people", "Lists people a page at a time.", (input, ctx, _) =>
        {
            if (ctx.Auth.Get("api_key")?.StartsWith(RefusedKeyPrefix, StringComparison.Ordinal) == true)
            {
                throw new UpstreamException(403, """{"error":"forbidden"}""", $"{displayName} refused the search.");
            }

            var all = new[] { "ada", "alan", "grace" }.Select((n, i) => new Person($"p{i + 1}", Email(n, ctx.ConnectionId), char.ToUpperInvariant(n[0]) + n[1..]))
                .Where(p => input.Email is null || p.Email == input.Email)
                .ToList();
            var offset = input.Offset ?? 0;
            // The CRM pages by a fixed size whatever the limit asks, as Xero does.
            var page = all.Skip(offset).Take(filterByEmail ? input.Limit ?? 10 : FixedPageSize).ToList();
            return Task.FromResult(new PeoplePage(page, offset + page.Count < all.Count ? offset + page.Count : null));
        }, ActionHints.Read("people")));
        definition.Entities.Add(Define.Entity<Person>("person", CdmCatalog.Contact, e => e
            .Id(p => p.Id)
            .ListedBy<ListPeopleInput, PeoplePage>("list_people",
                r => new ListPeopleInput(r.Limit, null, filterByEmail ? r.Filter(CdmCatalog.Contact.Email) : null),
                p => p.People,
                (input, page) => page.NextOffset is { } next ? input with { Offset = next } : null,
                filterByEmail ? [CdmCatalog.Contact.Email] : [])
            .Map(p => p.Id, CdmCatalog.Contact.Id)
            .Map(p => p.Email, CdmCatalog.Contact.Email)
            .Map(p => p.Name, CdmCatalog.Contact.FirstName)));
        return definition;
    }
}
