namespace Fastn.Server.Requests;

/// <summary>Endpoint metadata: the body is an action input, limited by <see cref="RequestLimitsOptions.MaxActionInputBytes"/> instead of the API-wide limit.</summary>
public sealed class ActionInputBody
{
    /// <summary>The shared instance.</summary>
    public static ActionInputBody Instance { get; } = new();
}
