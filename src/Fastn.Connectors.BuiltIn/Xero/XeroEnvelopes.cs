using Fastn.Connectors.BuiltIn.Xero.Models;

namespace Fastn.Connectors.BuiltIn.Xero;

// The Accounting API wraps every collection in an object named after it: {"Contacts":[…]}, also for one record.
internal sealed record ContactsEnvelope(IReadOnlyList<XeroContact>? Contacts);

internal sealed record InvoicesEnvelope(IReadOnlyList<XeroInvoice>? Invoices);

internal sealed record AccountsEnvelope(IReadOnlyList<XeroAccount>? Accounts);

internal sealed record ItemsEnvelope(IReadOnlyList<XeroItem>? Items);

internal sealed record OrganisationsEnvelope(IReadOnlyList<XeroOrganisation>? Organisations);
