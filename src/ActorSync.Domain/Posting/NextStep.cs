namespace ActorSync.Domain.Posting;

/// <summary>What the entity should do next with SAP after a decision.</summary>
public abstract record NextStep
{
    private NextStep() { }
    public sealed record Nothing : NextStep;
    /// <summary>
    /// Do the current piece of work now: send the document, or what a flow does before any document can go (check a
    /// received order against SAP's master data, ask a return's sale for its invoice).
    /// </summary>
    public sealed record Post : NextStep;
    /// <summary>A previous send may have landed: look the document up by its key before any new post.</summary>
    public sealed record LookUp : NextStep;
    /// <summary>Wait, then <see cref="Then"/>.</summary>
    public sealed record Wait(TimeSpan Delay, NextStep Then) : NextStep;

    public static readonly NextStep None = new Nothing();
    public static readonly NextStep PostNow = new Post();
    public static readonly NextStep LookUpNow = new LookUp();
}
