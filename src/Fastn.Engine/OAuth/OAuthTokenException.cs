namespace Fastn.Engine.OAuth;

/// <summary>The token endpoint refused (an RFC 6749 error such as <c>invalid_grant</c>) or could not be reached.</summary>
public sealed class OAuthTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OAuthTokenException(string error, string message, bool isTransient, int? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        IsTransient = isTransient;
        Status = status;
    }

    /// <summary>The OAuth error code (<c>invalid_grant</c>, <c>invalid_client</c>, or <c>network_error</c>).</summary>
    public string Error { get; }

    /// <summary>Whether trying again later may work (network errors, 5xx) as opposed to a definitive refusal.</summary>
    public bool IsTransient { get; }

    /// <summary>The HTTP status of the token endpoint's answer.</summary>
    public int? Status { get; }

    /// <summary>Whether the grant itself is dead and the user must connect again.</summary>
    public bool RequiresReauthorization => Error is "invalid_grant" or "unauthorized_client" or "invalid_client";
}
