using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Errors;

namespace Fastn.Engine.Tests.Execution;

/// <summary>Every call that starts leaves a record in the call log, however it ends.</summary>
public sealed class ActionExecutorAuditTests : IAsyncLifetime
{
    private StubServer _stub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _stub = await StubServer.StartAsync();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Execute_CallerCancelsWhileUpstreamRequestInFlight_RecordedAsCancelled()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Handler = async ctx =>
        {
            arrived.SetResult();
            // The app never answers while the caller waits: only the caller's cancellation ends the call.
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.RequestAborted);
        };
        await using var harness = ExecutorHarness.Create(Connector(ctx => ctx.Http.GetJsonAsync<JsonNode?>("slow", ctx.Cancellation)),
            AuthCredentials.Empty, allowedHosts: [_stub.BaseAddress]);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = harness.CallAsync("call", new JsonObject { ["id"] = 7 }, caller.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        var record = harness.Calls.ShouldHaveSingleItem();
        record.Cancelled.ShouldBeTrue();
        record.Succeeded.ShouldBeFalse();
        record.ErrorType.ShouldBe("fastn:cancelled");
        record.Input.ShouldBe("{\"id\":7}");
    }

    [Fact]
    public async Task Execute_HandlerThrows_RecordedAsFailedConnectorError()
    {
        await using var harness = ExecutorHarness.Create(Connector(_ => throw new InvalidOperationException("bug in the connector")), AuthCredentials.Empty);

        var problem = await Should.ThrowAsync<FastnException>(() => harness.CallAsync("call", cancellationToken: Ct));

        problem.Code.ShouldBe("fastn:connector-error");
        var record = harness.Calls.ShouldHaveSingleItem();
        record.Succeeded.ShouldBeFalse();
        record.Cancelled.ShouldBeFalse();
        record.ErrorType.ShouldBe("fastn:connector-error");
        record.ErrorDetail.ShouldNotBeNull().ShouldContain("bug in the connector");
        record.Output.ShouldBeNull();
    }

    [Fact]
    public async Task Execute_InputWithLoneSurrogate_RecordedWithReplacementCharacter()
    {
        await using var harness = ExecutorHarness.Create(Connector(_ => Task.FromResult<JsonNode?>(new JsonObject { ["ok"] = true })), AuthCredentials.Empty);

        var result = await harness.CallAsync("call", new JsonObject { ["name"] = JsonValue.Create("\ud800") }, Ct);

        result.Output!["ok"]!.GetValue<bool>().ShouldBeTrue();
        var record = harness.Calls.ShouldHaveSingleItem();
        record.Succeeded.ShouldBeTrue();
        record.Id.ShouldBe(result.CallId);
        // System.Text.Json writes a lone surrogate as U+FFFD: the input is kept, as valid JSON, minus that code unit.
        record.Input.ShouldBe("{\"name\":\"\\uFFFD\"}");
        record.Output.ShouldBe("{\"ok\":true}");
    }

    [Fact]
    public async Task Execute_InputThatCannotBeSerialised_RecordedWithPlaceholder()
    {
        await using var harness = ExecutorHarness.Create(Connector(_ => Task.FromResult<JsonNode?>(null)), AuthCredentials.Empty);
        // Duplicate keys parse (lazily) but throw when the object is enumerated or written.
        var input = JsonNode.Parse("{\"a\":1,\"a\":2}");

        await harness.CallAsync("call", input, Ct);

        var record = harness.Calls.ShouldHaveSingleItem();
        record.Succeeded.ShouldBeTrue();
        JsonNode.Parse(record.Input!)!["$unserializable"]!.GetValue<string>().ShouldContain("input could not be serialised");
    }

    private ConnectorDefinition Connector(Func<ActionExecutorTests.Ctx, Task<JsonNode?>> handler) => new()
    {
        Name = "test-app",
        DisplayName = "Test App",
        BaseUrl = _stub.BaseAddress.ToString(),
        Auth = new NoAuth(),
        Actions =
        {
            Define.JsonAction("call", "Calls the app.", ExecutorHarness.AnyObject, new JsonObject(),
                (_, ctx, ct) => handler(new ActionExecutorTests.Ctx(ctx, ct))),
        },
    };
}
