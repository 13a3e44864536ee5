namespace Fastn.Storage.ActionCalls;

public enum ActionCallStatus
{
    Succeeded = 0,
    Failed = 1,

    /// <summary>The caller went away mid-call; the request may already have reached the app.</summary>
    Cancelled = 2,
}
