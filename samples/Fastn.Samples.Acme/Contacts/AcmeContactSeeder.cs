using Bogus;

namespace Fastn.Samples.Acme.Contacts;

/// <summary>Generates the same contacts for the same seed: dates are relative to a fixed day, not to now.</summary>
internal static class AcmeContactSeeder
{
    private static readonly DateTime Reference = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] TagPool = ["customer", "lead", "vip", "partner", "newsletter", "churn-risk"];

    public static List<AcmeContact> Generate(int count, int seed)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var contacts = new List<AcmeContact>(count);
        for (var i = 0; i < count; i++)
        {
            var given = faker.Name.FirstName();
            var family = faker.Name.LastName();
            var email = faker.Internet.Email(given, family, "example.com").ToLowerInvariant();
            if (!emails.Add(email))
            {
                email = $"{i}.{email}";
                emails.Add(email);
            }

            var created = Truncate(faker.Date.Between(Reference.AddDays(-365), Reference.AddDays(-30)));
            var updated = Truncate(faker.Date.Between(created.UtcDateTime, Reference));
            contacts.Add(new AcmeContact
            {
                Id = "ct_" + faker.Random.AlphaNumeric(16),
                Email = email,
                GivenName = given,
                FamilyName = family,
                Company = faker.Company.CompanyName(),
                Phone = faker.Phone.PhoneNumber("+1 ###-###-####"),
                Tags = faker.PickRandom(TagPool, faker.Random.Int(0, 3)).OrderBy(t => t, StringComparer.Ordinal).ToList(),
                CreatedAt = created,
                UpdatedAt = updated,
            });
        }

        return [.. contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    private static DateTimeOffset Truncate(DateTime value)
    {
        var utc = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new DateTimeOffset(utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)));
    }
}
