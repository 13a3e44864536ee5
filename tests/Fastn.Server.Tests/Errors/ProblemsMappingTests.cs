using System.Text.Json;
using Fastn.Engine.Errors;
using Fastn.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.Errors;

/// <summary>The REST edge chooses the HTTP status from the engine error's category, and passes on retry facts.</summary>
public sealed class ProblemsMappingTests
{
    public static TheoryData<ErrorCategory, int> Statuses() => new()
    {
        { ErrorCategory.Validation, 400 },
        { ErrorCategory.Unauthenticated, 401 },
        { ErrorCategory.AuthRequired, 401 },
        { ErrorCategory.Forbidden, 403 },
        { ErrorCategory.NotFound, 404 },
        { ErrorCategory.Conflict, 409 },
        { ErrorCategory.Gone, 410 },
        { ErrorCategory.TooLarge, 413 },
        { ErrorCategory.RateLimited, 429 },
        { ErrorCategory.Cancelled, 499 },
        { ErrorCategory.Internal, 500 },
        { ErrorCategory.Upstream, 502 },
        { ErrorCategory.Unreachable, 504 },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void StatusOf_EveryCategory_HasItsStatus(ErrorCategory category, int status) =>
        Problems.StatusOf(new FastnException("fastn:x", category, "t", "d")).ShouldBe(status);

    [Fact]
    public void StatusOf_EveryCategoryIsMapped_NoneFallsToTheDefault()
    {
        foreach (var category in Enum.GetValues<ErrorCategory>().Where(c => c != ErrorCategory.Internal))
        {
            Problems.StatusOf(new FastnException("fastn:x", category, "t", "d")).ShouldNotBe(500, category.ToString());
        }
    }

    [Fact]
    public async Task From_RateLimited_ProblemWithCategoryRetryableAndRetryAfterHeader()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        var problem = new FastnException("fastn:rate-limited", ErrorCategory.RateLimited, "Slow down", "The app answered 429.") { RetryAfter = TimeSpan.FromSeconds(2.2) };

        await Problems.From(problem).ExecuteAsync(http);

        http.Response.StatusCode.ShouldBe(429);
        http.Response.Headers.RetryAfter.ToString().ShouldBe("3");
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        body.RootElement.GetProperty("type").GetString().ShouldBe("fastn:rate-limited");
        body.RootElement.GetProperty("category").GetString().ShouldBe("rate-limited");
        body.RootElement.GetProperty("retryable").GetBoolean().ShouldBeTrue();
        body.RootElement.GetProperty("retryAfterSeconds").GetInt32().ShouldBe(3);
    }
}
