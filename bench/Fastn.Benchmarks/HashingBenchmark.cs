using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Triggers;

namespace Fastn.Benchmarks;

/// <summary>
/// Change detection on one core: records/s canonicalised + hashed + compared with a stored hash (the Synthetic Event
/// Engine's per-record work), against raw <c>SHA256.HashData</c> over the same records' serialized bytes.
/// </summary>
internal static class HashingBenchmark
{
    public static async Task RunAsync(TimeSpan duration)
    {
        const int count = 10_000;
        // Records shaped like a CRM contact from an app's list endpoint (~330 bytes of JSON each).
        var records = Enumerable.Range(0, count).Select(i => new PolledRecord(i.ToString(CultureInfo.InvariantCulture), JsonNode.Parse($$"""
            {"id":"c_{{i}}","email":"person{{i}}@example.com","first_name":"Given{{i}}","last_name":"Family{{i}}","phone":"+1555{{i:D7}}",
             "company":{"id":{{i % 97}},"name":"Company {{i % 97}}"},"tags":["customer","tier-{{i % 3}}"],"score":{{i % 100}}.5,
             "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-12-0{{1 + i % 3}}T10:00:00Z","etag":"W/\"{{i}}\"","active":true}
            """)!)).ToList();
        var bytes = records.Select(r => Encoding.UTF8.GetBytes(r.Record.ToJsonString())).ToList();
        var hasher = new RecordHasher(["etag"]);
        var known = records.ToDictionary(r => r.Id, r => hasher.Hash(r.Record), StringComparer.Ordinal);

        var raw = Measure(duration, i => SHA256.HashData(bytes[i % count]));
        var detected = Measure(duration, i =>
        {
            var r = records[i % count];
            var hash = hasher.Hash(r.Record);
            return known[r.Id].AsSpan().SequenceEqual(hash) ? hash : null;
        });

        var md = new StringBuilder();
        md.AppendLine("## Change detection (`dotnet run --project bench/Fastn.Benchmarks -c Release -- hashing`)").AppendLine()
            .AppendLine(ResultsFile.MachineLine()).AppendLine()
            .AppendLine($"One thread, {count:N0} contact-shaped records (~{bytes.Average(b => b.Length):0} bytes of JSON each, 12 fields, nested object and array), {duration.TotalSeconds:0} s each after a warm-up. " +
                "Fastn: `RecordHasher` canonicalises the parsed record (sorted keys, normalised numbers, `etag` ignored), SHA-256 over that, then compares with the stored hash. " +
                "Raw limit, same run: `SHA256.HashData` over the same records' serialized bytes (no canonicalisation, no compare).").AppendLine()
            .Row("measure", "records/s (target ≥ 500,000 on one core)", "ratio to raw (target ≥ 70 %)")
            .Row("---", "---", "---")
            .Row("raw SHA-256 of the bytes", raw.ToString("N0", CultureInfo.InvariantCulture), "100 %")
            .Row("canonicalise + hash + compare", detected.ToString("N0", CultureInfo.InvariantCulture), (detected / raw).ToString("P0", CultureInfo.InvariantCulture));
        await ResultsFile.WriteSectionAsync("hashing", md.ToString());
        Console.WriteLine(md.ToString());
    }

    private static double Measure(TimeSpan duration, Func<int, byte[]?> work)
    {
        for (var i = 0; i < 20_000; i++)
        {
            work(i);
        }

        var n = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var k = 0; k < 1000; k++)
            {
                work(n++);
            }
        }

        return n / watch.Elapsed.TotalSeconds;
    }
}
