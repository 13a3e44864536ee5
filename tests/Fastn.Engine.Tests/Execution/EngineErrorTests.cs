using System.Net;
using System.Net.Sockets;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Http;
using Fastn.Engine.Errors;

namespace Fastn.Engine.Tests.Execution;

/// <summary>
/// The engine reports failures as transport-neutral <see cref="FastnException"/>s: a category, whether a retry
/// can help and how long to wait, and messages that name no REST route (flows and MCP read them too).
/// </summary>
public sealed class EngineErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, ErrorCategory, bool> Failures() => new()
    {
        { "refused", ErrorCategory.Unreachable, true },
        { "503", ErrorCategory.Upstream, true },
        { "404", ErrorCategory.Upstream, false },
        { "no-status", ErrorCategory.Unreachable, true },
        { "401", ErrorCategory.AuthRequired, false },
        { "429", ErrorCategory.RateLimited, true },
        { "invalid", ErrorCategory.Validation, false },
        { "bug", ErrorCategory.Internal, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Execute_ConnectorFails_ErrorCarriesCategoryAndRetryable(string failure, ErrorCategory category, bool retryable)
    {
        await using var harness = ExecutorHarness.Create(Connector(Thrower(failure)), AuthCredentials.Empty);

        var problem = await Should.ThrowAsync<FastnException>(() => harness.CallAsync("call", cancellationToken: Ct));

        problem.Category.ShouldBe(category);
        problem.Retryable.ShouldBe(retryable);
        harness.Calls.ShouldHaveSingleItem().ErrorType.ShouldBe(problem.Code);
    }

    [Fact]
    public async Task Execute_AppRateLimits_RetryAfterIsKeptAsATimeSpan()
    {
        await using var harness = ExecutorHarness.Create(Connector(Thrower("429")), AuthCredentials.Empty);

        var problem = await Should.ThrowAsync<FastnException>(() => harness.CallAsync("call", cancellationToken: Ct));

        problem.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        problem.Code.ShouldBe("fastn:rate-limited");
    }

    [Fact]
    public async Task TestCredentials_AppCannotBeReached_IsUnreachableNotCredentialsRejected()
    {
        // A real closed port on loopback: the test call's connection is refused.
        var closed = ClosedLoopbackPort();
        var definition = Connector(ctx => ctx.Http.GetJsonAsync<JsonNode?>("me", ctx.Cancellation), new Uri($"http://127.0.0.1:{closed}/"));
        await using var harness = ExecutorHarness.Create(definition, AuthCredentials.Empty, allowedHosts: [new Uri($"http://127.0.0.1:{closed}/")]);

        var problem = await Should.ThrowAsync<FastnException>(() =>
            harness.Executor.TestCredentialsAsync(definition, definition.Auth.Default!, AuthCredentials.Empty, ExecutorHarness.Tenant, Ct));

        problem.Category.ShouldBe(ErrorCategory.Unreachable);
        problem.Code.ShouldNotBe("fastn:credentials-rejected");
        problem.Retryable.ShouldBeTrue();
        problem.Detail.ShouldContain("nothing was connected");
        problem.Detail.ShouldNotContain("did not work");
    }

    [Fact]
    public async Task TestCredentials_AppRefusesTheCredentials_IsCredentialsRejected()
    {
        var definition = Connector(Thrower("401"));
        await using var harness = ExecutorHarness.Create(definition, AuthCredentials.Empty);

        var problem = await Should.ThrowAsync<FastnException>(() =>
            harness.Executor.TestCredentialsAsync(definition, definition.Auth.Default!, AuthCredentials.Empty, ExecutorHarness.Tenant, Ct));

        problem.Code.ShouldBe("fastn:credentials-rejected");
        problem.Category.ShouldBe(ErrorCategory.Validation);
        problem.Retryable.ShouldBeFalse();
    }

    [Fact]
    public void EngineMessages_NameNoRestRoute()
    {
        // Every string literal compiled into the engine: none may tell the caller to use an HTTP route,
        // because the same messages reach flows and MCP tools, which have no such routes.
        var literals = UserStrings(typeof(FastnException).Assembly.Location);

        literals.Count.ShouldBeGreaterThan(100, "the engine's literals were read");
        literals.Where(s => s.Contains("/api/v1", StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(s, @"\b(GET|POST|PUT|PATCH|DELETE) /"))
            .ShouldBeEmpty();
    }

    private static List<string> UserStrings(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var strings = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            strings.Add(reader.GetUserString(handle));
            handle = reader.GetNextHandle(handle);
        }

        return strings;
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Func<ActionExecutorTests.Ctx, Task<JsonNode?>> Thrower(string failure) => _ => failure switch
    {
        "refused" => throw new HttpRequestException("Connection refused (app.example:443)"),
        "503" => throw new UpstreamException(503, "{\"error\":\"down\"}", "The app answered 503."),
        "404" => throw new UpstreamException(404, "{\"error\":\"missing\"}", "The app answered 404."),
        "no-status" => throw new UpstreamException(0, null, "The app closed the connection without an answer."),
        "401" => throw new AuthRequiredException("The app answered 401: the key was refused."),
        "429" => throw new RateLimitedException("The app answered 429.", TimeSpan.FromSeconds(30)),
        "invalid" => throw new ConnectorValidationException("limit must be at most 100", "limit"),
        _ => throw new InvalidOperationException("a connector bug"),
    };

    private static ConnectorDefinition Connector(Func<ActionExecutorTests.Ctx, Task<JsonNode?>> handler, Uri? baseUrl = null) => new()
    {
        Name = "err-app",
        DisplayName = "Error App",
        BaseUrl = (baseUrl ?? new Uri("https://app.example/")).ToString(),
        Auth = new NoAuth(),
        Capabilities = new ConnectorCapabilities { TestAction = "call" },
        Actions =
        {
            Define.JsonAction("call", "Calls the app.", ExecutorHarness.AnyObject, new JsonObject(),
                (_, ctx, ct) => handler(new ActionExecutorTests.Ctx(ctx, ct))),
        },
    };
}
