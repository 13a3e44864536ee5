using System.Security.Cryptography;
using Bogus;
using Fastn.Sandbox.State;
using Fastn.Sandbox.Vendors.HubSpot.Crm;
using Fastn.Sandbox.Vendors.HubSpot.OAuth;

namespace Fastn.Sandbox.Vendors.HubSpot;

/// <summary>Everything the simulation holds: CRM records, OAuth grants and rate-limit windows. Thread-safe through one lock.</summary>
internal sealed class HubSpotState
{
    public HubSpotState(TimeProvider time, SandboxStateStore? state = null)
    {
        Time = time;
        Crm = new CrmStore(time);
        Tokens = new TokenStore(time, state);
        Seed(Crm);
    }

    public TimeProvider Time { get; }

    public CrmStore Crm { get; }

    public TokenStore Tokens { get; }

    public static string CorrelationId() => Guid.NewGuid().ToString();

    public static string RandomToken(string prefix, int bytes = 32) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Fixed-seed generated data so every start shows the same account.</summary>
    private static void Seed(CrmStore crm)
    {
        var faker = new Faker("en") { Random = new Randomizer(20240601) };
        var start = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        string[] industries = ["COMPUTER_SOFTWARE", "MARKETING_AND_ADVERTISING", "FINANCIAL_SERVICES", "RETAIL", "HOSPITAL_HEALTH_CARE", "LOGISTICS_AND_SUPPLY_CHAIN"];
        var companies = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            var name = faker.Company.CompanyName();
            var at = start.AddDays(i);
            companies.Add(crm.Seed(CrmStore.Companies, at, new()
            {
                ["name"] = name,
                ["domain"] = faker.Internet.DomainWord() + ".com",
                ["industry"] = faker.PickRandom(industries),
                ["numberofemployees"] = faker.Random.Int(5, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["annualrevenue"] = (faker.Random.Int(2, 900) * 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["phone"] = faker.Phone.PhoneNumber("+1 ###-###-####"),
                ["address"] = faker.Address.StreetAddress(),
                ["city"] = faker.Address.City(),
                ["state"] = faker.Address.StateAbbr(),
                ["zip"] = faker.Address.ZipCode("#####"),
                ["country"] = "United States",
                ["description"] = faker.Company.CatchPhrase(),
                ["lifecyclestage"] = faker.PickRandom("lead", "opportunity", "customer"),
            }));
        }

        var contacts = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var company = faker.PickRandom(companies);
            var id = crm.Seed(CrmStore.Contacts, start.AddDays(8).AddHours(i * 7), new()
            {
                ["email"] = $"{first}.{last}{i}@{crm.Get(CrmStore.Companies, company)!.Properties["domain"]}".ToLowerInvariant(),
                ["firstname"] = first,
                ["lastname"] = last,
                ["company"] = crm.Get(CrmStore.Companies, company)!.Properties["name"],
                ["phone"] = faker.Phone.PhoneNumber("+1 ###-###-####"),
                ["jobtitle"] = faker.Name.JobTitle(),
                ["address"] = faker.Address.StreetAddress(),
                ["city"] = faker.Address.City(),
                ["state"] = faker.Address.StateAbbr(),
                ["zip"] = faker.Address.ZipCode("#####"),
                ["country"] = "United States",
                ["lifecyclestage"] = faker.PickRandom("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "customer"),
            });
            contacts.Add(id);
            crm.Associate(CrmStore.Contacts, id, CrmStore.Companies, company, 279);
        }

        string[] stages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"];
        for (var i = 0; i < 12; i++)
        {
            var stage = faker.PickRandom(stages);
            var id = crm.Seed(CrmStore.Deals, start.AddDays(12 + i), new()
            {
                ["dealname"] = faker.Commerce.ProductName() + " deal",
                ["amount"] = (faker.Random.Int(10, 500) * 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["deal_currency_code"] = "USD",
                ["dealstage"] = stage,
                ["pipeline"] = "default",
                ["closedate"] = start.AddDays(40 + i * 3).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["hubspot_owner_id"] = faker.PickRandom("71234567", "71234568", "71234569"),
            });
            crm.Associate(CrmStore.Deals, id, CrmStore.Companies, faker.PickRandom(companies), 5);
            crm.Associate(CrmStore.Deals, id, CrmStore.Contacts, faker.PickRandom(contacts), 3);
        }
    }
}
