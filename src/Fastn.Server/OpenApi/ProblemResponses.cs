using Microsoft.AspNetCore.Mvc;

namespace Fastn.Server.OpenApi;

/// <summary>
/// Declares the problem+json answers (DESIGN.md §7) an endpoint or route group can give, so the OpenAPI document lists
/// each status an operation really returns. The authenticated <c>/api/v1</c> group declares 400, 401 and 403 once
/// (<see cref="Security.FastnApiRoutes"/>); endpoints add what their own work can answer (404, 409, upstream errors).
/// </summary>
public static class ProblemResponses
{
    /// <summary>The media type of every error answer.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>
    /// What calling an app can answer besides the operation's own errors: rate limits, upstream errors and time-outs
    /// (an app that wants a new login answers 401 <c>fastn:auth-required</c>, declared with the group's 401).
    /// </summary>
    public static readonly int[] Upstream = [StatusCodes.Status429TooManyRequests, StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout];

    /// <summary>Adds a problem+json response for each of <paramref name="statusCodes"/>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var status in statusCodes.Distinct())
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ContentType]));
        }

        return builder;
    }

    /// <summary>Adds the problems of an operation that calls the connection's app: 404 and 409 for the connection, and <see cref="Upstream"/>.</summary>
    public static TBuilder ProducesAppProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems([StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, .. Upstream]);
}
