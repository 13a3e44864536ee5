namespace Fastn.Dashboard.SignIn;

/// <summary>Names of the dashboard's authentication pieces.</summary>
internal static class DashboardAuthentication
{
    /// <summary>The cookie session scheme.</summary>
    public const string CookieScheme = "FastnDashboard";

    /// <summary>The default scheme: the API key for API requests, the cookie for the dashboard.</summary>
    public const string SelectorScheme = "FastnDashboardOrApiKey";

    /// <summary>The policy every dashboard page requires.</summary>
    public const string Policy = "dashboard";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "fastn.dashboard";

    public const string SignInPath = "/signin";

    public const string SignOutPath = "/signout";

    /// <summary>A local path to return to after sign-in (never another origin), or the start page.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith(SignInPath, StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
