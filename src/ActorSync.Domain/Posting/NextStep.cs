namespace ActorSync.Domain.Posting;

/// <summary>What the entity should do next with SAP after a decision.</summary>
public abstract record NextStep
{
    private NextStep() { }
    public sealed record Nothing : NextStep;
    /// <summary>Send the document now.</summary>
    public sealed record Post : NextStep;
    /// <summary>A previous send may have landed: look the document up by NumAtCard before any new post.</summary>
    public sealed record LookUp : NextStep;
    /// <summary>Wait, then <see cref="Then"/>.</summary>
    public sealed record Wait(TimeSpan Delay, NextStep Then) : NextStep;
    /// <summary>Check the received order against the mapping and SAP's master data (again, when it was not loaded yet).</summary>
    public sealed record Validate : NextStep;

    public static readonly NextStep None = new Nothing();
    public static readonly NextStep PostNow = new Post();
    public static readonly NextStep LookUpNow = new LookUp();
    public static readonly NextStep ValidateNow = new Validate();
}
