namespace Fastn.Storage.Retention;

/// <summary>Rows one purge run deleted, per table.</summary>
internal sealed record RetentionPurgeResult(int OAuthStates, int ConnectSessions, int ActionCalls, int Events, int Runs = 0)
{
    public int Total => OAuthStates + ConnectSessions + ActionCalls + Events + Runs;
}
