namespace Fastn.Flows.Triggers;

/// <summary>
/// Runs when the flow's own URL (<c>POST /api/v1/flows/{id}/invoke</c>) is called with an API key; the request's
/// JSON body is the trigger payload.
/// </summary>
public sealed record HttpTrigger : FlowTrigger
{
    /// <summary>
    /// When true the call waits for the run and answers with the flow's output (or its error); when false it
    /// answers 202 with the run's id at once.
    /// </summary>
    public bool RespondWithOutput { get; init; }
}
