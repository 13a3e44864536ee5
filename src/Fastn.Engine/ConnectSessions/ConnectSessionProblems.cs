using Fastn.Engine.Errors;

namespace Fastn.Engine.ConnectSessions;

/// <summary>The problems the connect page and its API report (stable <c>type</c>s).</summary>
public static class ConnectSessionProblems
{
    /// <summary>No session has this token (forged, mistyped or truncated link).</summary>
    public static FastnException Invalid() => new("fastn:connect-session-invalid", ErrorCategory.NotFound, "Unknown connect link",
        "This connect link is not valid. Ask the app that sent you here for a new link.");

    /// <summary>The session expired.</summary>
    public static FastnException Expired() => new("fastn:connect-session-expired", ErrorCategory.Gone, "Connect link expired",
        "This connect link has expired. Go back to the app that sent you here and start again to get a new link.");

    /// <summary>The session already created a connection (single use).</summary>
    public static FastnException Used() => new("fastn:connect-session-used", ErrorCategory.Conflict, "Connect link already used",
        "This connect link was already used to connect an account, and each link works once. Start again from the app that sent you here.");

    /// <summary>The connector is not among the session's allowed ones.</summary>
    public static FastnException NotAllowed(string connector) => new("fastn:connector-not-allowed", ErrorCategory.Forbidden, "App not offered",
        $"'{connector}' is not one of the apps this connect link offers. Pick one of the apps listed on the connect page.");

    /// <summary>A form without the session's anti-forgery value.</summary>
    public static FastnException Forgery() => new("fastn:connect-form-invalid", ErrorCategory.Forbidden, "Form not accepted",
        "The form did not come from this connect page (its security value is missing or wrong). Reload the connect page and try again.");

    /// <summary>The OAuth consent came back to a browser that did not open the connect link (RFC 9700 §4.7.1).</summary>
    public static FastnException OtherBrowser() => new("fastn:connect-browser-mismatch", ErrorCategory.Forbidden, "Finish in the browser that opened the link",
        "This consent was finished in a different browser from the one that opened the connect link, so nothing was connected. Open the connect link again in this browser and connect from there.");
}
