using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>Fills a new org with fixed-seed generated accounts, contacts, leads and opportunities dated 2024–2025.</summary>
internal static class SalesforceSeeder
{
    public const int Accounts = 40;
    public const int Contacts = 250;
    public const int Leads = 60;
    public const int Opportunities = 80;

    private static readonly DateTimeOffset Start = new(2024, 1, 8, 9, 0, 0, TimeSpan.Zero);

    public static void Seed(SalesforceOrg org)
    {
        var faker = new Faker("en") { Random = new Randomizer(20240108) };
        var at = Start;
        DateTimeOffset Next() => at = at.AddMinutes(faker.Random.Int(30, 600));

        var accountIds = new List<string>();
        for (var i = 0; i < Accounts; i++)
        {
            var name = faker.Company.CompanyName();
            var domain = faker.Internet.DomainWord() + ".example";
            var account = org.Insert(SalesforceSchema.Account, new JsonObject
            {
                ["Name"] = name,
                ["Type"] = faker.PickRandom("Prospect", "Customer - Direct", "Customer - Channel", "Technology Partner"),
                ["Industry"] = faker.PickRandom(SalesforceSchema.Industries.ToArray()),
                ["Website"] = "https://www." + domain,
                ["Phone"] = faker.Phone.PhoneNumber("(###) ###-####"),
                ["NumberOfEmployees"] = faker.Random.Int(5, 20000),
                ["AnnualRevenue"] = faker.Random.Int(1, 500) * 100000m,
                ["Description"] = faker.Company.CatchPhrase(),
                ["BillingStreet"] = faker.Address.StreetAddress(),
                ["BillingCity"] = faker.Address.City(),
                ["BillingState"] = faker.Address.StateAbbr(),
                ["BillingPostalCode"] = faker.Address.ZipCode("#####"),
                ["BillingCountry"] = "United States",
            }, Next());
            accountIds.Add(account["Id"]!.GetValue<string>());
        }

        var contactIds = new List<string>();
        for (var i = 0; i < Contacts; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var contact = org.Insert(SalesforceSchema.Contact, new JsonObject
            {
                ["AccountId"] = faker.Random.Bool(0.9f) ? faker.PickRandom(accountIds) : null,
                ["FirstName"] = first,
                ["LastName"] = last,
                ["Email"] = $"{first}.{last}{i}@{faker.Internet.DomainWord()}.example".ToLowerInvariant(),
                ["Phone"] = faker.Phone.PhoneNumber("(###) ###-####"),
                ["MobilePhone"] = faker.Random.Bool() ? faker.Phone.PhoneNumber("(###) ###-####") : null,
                ["Title"] = faker.Name.JobTitle(),
                ["LeadSource"] = faker.PickRandom(SalesforceSchema.LeadSources.ToArray()),
                ["MailingStreet"] = faker.Address.StreetAddress(),
                ["MailingCity"] = faker.Address.City(),
                ["MailingState"] = faker.Address.StateAbbr(),
                ["MailingPostalCode"] = faker.Address.ZipCode("#####"),
                ["MailingCountry"] = "United States",
            }, Next());
            contactIds.Add(contact["Id"]!.GetValue<string>());
        }

        for (var i = 0; i < Leads; i++)
        {
            org.Insert(SalesforceSchema.Lead, new JsonObject
            {
                ["FirstName"] = faker.Name.FirstName(),
                ["LastName"] = faker.Name.LastName(),
                ["Company"] = faker.Company.CompanyName(),
                ["Email"] = faker.Internet.ExampleEmail().ToLowerInvariant(),
                ["Phone"] = faker.Phone.PhoneNumber("(###) ###-####"),
                ["Title"] = faker.Name.JobTitle(),
                ["Status"] = faker.PickRandom(SalesforceSchema.LeadStatuses.ToArray()),
                ["LeadSource"] = faker.PickRandom(SalesforceSchema.LeadSources.ToArray()),
                ["City"] = faker.Address.City(),
                ["State"] = faker.Address.StateAbbr(),
                ["Country"] = "United States",
            }, Next());
        }

        for (var i = 0; i < Opportunities; i++)
        {
            var created = Next();
            org.Insert(SalesforceSchema.Opportunity, new JsonObject
            {
                ["Name"] = faker.Commerce.ProductName() + " deal",
                ["AccountId"] = faker.PickRandom(accountIds),
                ["ContactId"] = faker.Random.Bool(0.7f) ? faker.PickRandom(contactIds) : null,
                ["Amount"] = faker.Random.Int(5, 500) * 1000m,
                ["StageName"] = faker.PickRandom(SalesforceSchema.Stages.ToArray()),
                ["CloseDate"] = created.AddDays(faker.Random.Int(14, 180)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Type"] = faker.PickRandom("New Customer", "Existing Customer - Upgrade"),
                ["LeadSource"] = faker.PickRandom(SalesforceSchema.LeadSources.ToArray()),
            }, created);
        }
    }
}
