using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Triggers;

namespace Fastn.Engine.Tests.Triggers;

public sealed class RecordHasherTests
{
    private readonly RecordHasher _hasher = new();

    [Theory]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""")]
    [InlineData("""{"n":1.0}""", """{"n":1}""")]
    [InlineData("""{"n":1.50}""", """{"n":1.5}""")]
    [InlineData("""{"n":1e2}""", """{"n":100}""")]
    [InlineData("""{ "x" : { "z":true, "y":[1, 2] } }""", """{"x":{"y":[1,2],"z":true}}""")]
    [InlineData("""{"s":"\u00e9"}""", """{"s":"é"}""")]
    public void Hash_SameDataWrittenDifferently_SameHash(string a, string b) =>
        _hasher.Hash(JsonNode.Parse(a)).ShouldBe(_hasher.Hash(JsonNode.Parse(b)));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":null}""", """{}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1,"c":null}}""")]
    [InlineData("""{"n":0.1}""", """{"n":0.10000000000000001}""")]
    public void Hash_DifferentData_DifferentHash(string a, string b) =>
        _hasher.Hash(JsonNode.Parse(a)).ShouldNotBe(_hasher.Hash(JsonNode.Parse(b)));

    [Fact]
    public void Hash_IgnoredFields_ByNameAndDottedPath_DoNotCount()
    {
        var hasher = new RecordHasher(["etag", "meta.last_seen"]);

        hasher.Hash(JsonNode.Parse("""{"id":1,"etag":"x","meta":{"last_seen":"2026-12-01","v":1}}"""))
            .ShouldBe(hasher.Hash(JsonNode.Parse("""{"id":1,"etag":"y","meta":{"last_seen":"2026-12-03","v":1}}""")));
        hasher.Hash(JsonNode.Parse("""{"id":1,"meta":{"v":1}}"""))
            .ShouldNotBe(hasher.Hash(JsonNode.Parse("""{"id":1,"meta":{"v":2}}""")));
    }

    [Fact]
    public void Hash_IsSha256OfTheCanonicalText()
    {
        var record = JsonNode.Parse("""{"b":[1.0,{"d":2,"c":"x"}],"a":true}""");

        _hasher.Canonical(record).ShouldBe("""{"a":true,"b":[1,{"c":"x","d":2}]}""");
        _hasher.Hash(record).ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes("""{"a":true,"b":[1,{"c":"x","d":2}]}""")));
    }

    [Fact]
    public void Hash_ConcurrentCallers_AgreeWithOneCaller()
    {
        var records = Enumerable.Range(0, 200).Select(i => JsonNode.Parse($$"""{"id":{{i}},"name":"r{{i}}","tags":["a","b"]}""")).ToList();
        var expected = records.Select(r => Convert.ToHexString(_hasher.Hash(r))).ToList();

        var parallel = records.AsParallel().AsOrdered().Select(r => Convert.ToHexString(_hasher.Hash(r))).ToList();

        parallel.ShouldBe(expected);
    }
}

public sealed class ChangeDetectorTests
{
    private static readonly RecordHasher Hasher = new(["etag"]);

    [Fact]
    public void Detect_NewChangedUnchangedRepeated_EachReportedOnce()
    {
        var known = new Dictionary<string, byte[]>
        {
            ["1"] = Hasher.Hash(JsonNode.Parse("""{"id":"1","name":"Ada"}""")),
            ["2"] = Hasher.Hash(JsonNode.Parse("""{"id":"2","name":"Grace"}""")),
        };
        var page = new[]
        {
            new PolledRecord("1", JsonNode.Parse("""{"name":"Ada","id":"1","etag":"w/2"}""")!),
            new PolledRecord("2", JsonNode.Parse("""{"id":"2","name":"Grace Hopper"}""")!),
            new PolledRecord("3", JsonNode.Parse("""{"id":"3","name":"Katherine"}""")!),
            new PolledRecord("3", JsonNode.Parse("""{"id":"3","name":"Katherine Johnson"}""")!),
        };

        var changes = ChangeDetector.Detect(page, known, Hasher);

        changes.Select(c => (c.RecordId, c.Kind)).ShouldBe([("2", "updated"), ("3", "created")]);
        changes[1].Record["name"]!.GetValue<string>().ShouldBe("Katherine Johnson");
        changes[1].Hash.ShouldBe(Hasher.Hash(page[3].Record));
    }
}
