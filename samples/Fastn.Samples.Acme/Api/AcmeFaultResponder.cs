using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fastn.Samples.Acme.Api;

/// <summary>Applies the next injected fault of a target, if any.</summary>
internal static class AcmeFaultResponder
{
    /// <summary>Waits the fault's delay; returns the failure response to send, or null to go on normally.</summary>
    public static async Task<IResult?> ApplyAsync(AcmeState state, AcmeFaultTarget target, HttpContext context, TimeProvider time)
    {
        var fault = state.Faults.TakeNext(target);
        if (fault is null)
        {
            return null;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, time, context.RequestAborted);
        }

        if (fault.StatusCode is not { } status)
        {
            return null;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var error = status switch
        {
            StatusCodes.Status503ServiceUnavailable => "service_unavailable",
            StatusCodes.Status429TooManyRequests => "rate_limited",
            >= 500 => "server_error",
            _ => "injected_error",
        };
        return AcmeResults.Error(status, error, $"Injected failure ({status}) from the sandbox test hook.");
    }
}
