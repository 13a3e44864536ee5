namespace Fastn.Storage.ActionCalls;

public enum ActionCallStatus
{
    Succeeded = 0,
    Failed = 1,
}
