using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>One API request as an operation sees it: the parsed parameters, the route and the state.</summary>
internal sealed record StripeCall(StripeSimulation Sim, JsonObject Params, HttpContext Http)
{
    public string Route(string name) => Http.Request.RouteValues[name]?.ToString() ?? "";
}
