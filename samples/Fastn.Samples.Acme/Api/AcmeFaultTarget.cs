namespace Fastn.Samples.Acme.Api;

/// <summary>Which requests an injected fault applies to.</summary>
public enum AcmeFaultTarget
{
    /// <summary>Requests under <c>/api/v1</c>.</summary>
    Api,

    /// <summary>Requests to <c>/oauth/token</c>.</summary>
    Token,

    /// <summary>Requests to <c>/oauth/revoke</c>.</summary>
    Revoke,
}
