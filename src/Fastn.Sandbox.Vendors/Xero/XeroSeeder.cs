using System.Text.Json.Nodes;
using Bogus;

namespace Fastn.Sandbox.Vendors.Xero;

/// <summary>Realistic, repeatable data for the simulated organisations (Bogus with a fixed seed).</summary>
internal static class XeroSeeder
{
    /// <summary>Seeded records are dated before this instant.</summary>
    public static readonly DateTimeOffset Anchor = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<SimOrganisation> Seed()
    {
        var demo = new SimOrganisation
        {
            TenantId = XeroWire.StableGuid("tenant:demo-nz"),
            Name = "Demo Company (NZ)",
            ShortCode = "!fQ2dz",
            BaseCurrency = "NZD",
            CountryCode = "NZ",
            Version = "NZ",
            Timezone = "NEWZEALANDSTANDARDTIME",
            CreatedAt = Anchor.AddYears(-3),
        };
        var trading = new SimOrganisation
        {
            TenantId = XeroWire.StableGuid("tenant:fastn-au"),
            Name = "Fastn Trading Pty Ltd",
            ShortCode = "!Kx91p",
            BaseCurrency = "AUD",
            CountryCode = "AU",
            Version = "AU",
            Timezone = "AUSEASTERNSTANDARDTIME",
            CreatedAt = Anchor.AddYears(-1),
        };
        Fill(demo, seed: 20250601, contacts: 130, invoices: 45);
        Fill(trading, seed: 20250602, contacts: 24, invoices: 12);
        return [demo, trading];
    }

    private static void Fill(SimOrganisation org, int seed, int contacts, int invoices)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var updated = org.CreatedAt;
        DateTimeOffset Next()
        {
            // Strictly increasing timestamps, spread over the months before the anchor.
            updated = updated.AddMinutes(faker.Random.Int(30, 2_000));
            return updated < Anchor ? updated : Anchor.AddSeconds(-faker.Random.Int(1, 100_000));
        }

        string[] accounts = ["200", "260", "270"];
        foreach (var (code, name, type, cls, tax) in Chart)
        {
            org.Accounts.Add(new SimAccount(XeroWire.StableGuid($"{org.TenantId}:account:{code}"), code, name, type, cls, tax,
                $"{name} ({cls.ToLowerInvariant()})", org.CreatedAt.AddDays(1))
            {
                BankAccountNumber = type == "BANK" ? faker.Finance.Account(10) : null,
            });
        }

        for (var i = 0; i < 9; i++)
        {
            var name = faker.Commerce.ProductName();
            var price = Math.Round(faker.Random.Decimal(5, 500), 2);
            var tracked = i % 3 == 0;
            org.Items.Add(new SimItem(XeroWire.StableGuid($"{org.TenantId}:item:{i}"), $"ITEM-{i + 1:000}", name, faker.Commerce.ProductDescription(),
                price, Math.Round(price * 0.6m, 2), tracked, tracked ? faker.Random.Int(0, 250) : 0, Next()));
        }

        for (var i = 0; i < contacts; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var isCompany = i % 3 != 0;
            var company = faker.Company.CompanyName();
            var contact = new SimContact
            {
                ContactId = XeroWire.StableGuid($"{org.TenantId}:contact:{i}"),
                Name = isCompany ? $"{company} ({i + 1})" : $"{first} {last}",
                FirstName = first,
                LastName = last,
                EmailAddress = faker.Internet.Email(first, last, isCompany ? faker.Internet.DomainName() : null).ToLowerInvariant(),
                AccountNumber = $"AC-{i + 1:0000}",
                Website = isCompany ? "https://www." + faker.Internet.DomainName() : null,
                DefaultCurrency = org.BaseCurrency,
                ContactStatus = i % 29 == 28 ? "ARCHIVED" : "ACTIVE",
                Addresses =
                [
                    new JsonObject
                    {
                        ["AddressType"] = "POBOX",
                        ["AddressLine1"] = faker.Address.StreetAddress(),
                        ["City"] = faker.Address.City(),
                        ["Region"] = faker.Address.State(),
                        ["PostalCode"] = faker.Address.ZipCode("####"),
                        ["Country"] = org.CountryCode == "NZ" ? "New Zealand" : "Australia",
                    },
                    new JsonObject { ["AddressType"] = "STREET", ["City"] = "", ["Region"] = "", ["PostalCode"] = "", ["Country"] = "" },
                ],
                Phones =
                [
                    new JsonObject { ["PhoneType"] = "DEFAULT", ["PhoneNumber"] = faker.Phone.PhoneNumber("###-####"), ["PhoneAreaCode"] = faker.Random.Int(2, 9).ToString(System.Globalization.CultureInfo.InvariantCulture), ["PhoneCountryCode"] = org.CountryCode == "NZ" ? "64" : "61" },
                    new JsonObject { ["PhoneType"] = "MOBILE", ["PhoneNumber"] = "", ["PhoneAreaCode"] = "", ["PhoneCountryCode"] = "" },
                ],
                IsCustomer = i % 4 != 3,
                IsSupplier = i % 4 == 3,
                UpdatedAt = Next(),
            };
            if (i % 5 == 0)
            {
                contact.Groups.Add(i % 10 == 0 ? "VIP" : "Wholesale");
            }

            org.Contacts.Add(contact);
        }

        var customers = org.Contacts.Where(c => c.IsCustomer && c.ContactStatus == "ACTIVE").ToList();
        string[] statuses = ["DRAFT", "SUBMITTED", "AUTHORISED", "AUTHORISED", "PAID", "PAID", "VOIDED"];
        for (var i = 0; i < invoices; i++)
        {
            var date = DateOnly.FromDateTime(Anchor.AddDays(-faker.Random.Int(5, 300)).UtcDateTime);
            var lines = Enumerable.Range(0, faker.Random.Int(1, 3)).Select(n =>
            {
                var item = faker.PickRandom(org.Items);
                return new SimLine
                {
                    LineItemId = XeroWire.StableGuid($"{org.TenantId}:invoice:{i}:line:{n}"),
                    Description = item.Name,
                    ItemCode = item.Code,
                    Quantity = faker.Random.Int(1, 12),
                    UnitAmount = item.SalesPrice,
                    AccountCode = faker.PickRandom(accounts),
                };
            }).ToList();
            var invoice = new SimInvoice
            {
                InvoiceId = XeroWire.StableGuid($"{org.TenantId}:invoice:{i}"),
                Type = i % 6 == 5 ? "ACCPAY" : "ACCREC",
                InvoiceNumber = $"INV-{org.NextInvoiceNumber++:0000}",
                Reference = faker.Random.Bool() ? "PO-" + faker.Random.Int(1000, 9999) : null,
                Contact = faker.PickRandom(customers),
                Date = date,
                DueDate = date.AddDays(20),
                Status = statuses[i % statuses.Length],
                Lines = lines,
                CurrencyCode = org.BaseCurrency,
                UpdatedAt = Next(),
            };
            if (invoice.Status == "PAID")
            {
                invoice.AmountPaid = invoice.Total;
                invoice.FullyPaidOn = date.AddDays(faker.Random.Int(1, 20));
            }

            org.Invoices.Add(invoice);
        }
    }

    private static readonly (string Code, string Name, string Type, string Class, string TaxType)[] Chart =
    [
        ("090", "Business Bank Account", "BANK", "ASSET", "NONE"),
        ("091", "Business Savings Account", "BANK", "ASSET", "NONE"),
        ("200", "Sales", "REVENUE", "REVENUE", "OUTPUT2"),
        ("260", "Other Revenue", "REVENUE", "REVENUE", "OUTPUT2"),
        ("270", "Interest Income", "REVENUE", "REVENUE", "NONE"),
        ("300", "Purchases", "DIRECTCOSTS", "EXPENSE", "INPUT2"),
        ("400", "Advertising", "EXPENSE", "EXPENSE", "INPUT2"),
        ("404", "Bank Fees", "EXPENSE", "EXPENSE", "NONE"),
        ("429", "General Expenses", "EXPENSE", "EXPENSE", "INPUT2"),
        ("610", "Accounts Receivable", "CURRENT", "ASSET", "NONE"),
        ("630", "Inventory", "INVENTORY", "ASSET", "NONE"),
        ("800", "Accounts Payable", "CURRLIAB", "LIABILITY", "NONE"),
        ("820", "GST", "CURRLIAB", "LIABILITY", "NONE"),
        ("970", "Owner A Funds Introduced", "EQUITY", "EQUITY", "NONE"),
    ];
}
