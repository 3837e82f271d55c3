namespace ActorSync.Domain.Posting;

/// <summary>What the entity should send for its current piece of work, and how to find it again after an uncertain answer.</summary>
/// <param name="Path">Entity set for documents (<c>Orders</c>, <c>DeliveryNotes</c>…), or an action path (<c>Orders(12)/Cancel</c>).</param>
/// <param name="Body">The document, or null for actions.</param>
/// <param name="LookUpSet">Where to look the result up by <paramref name="NumAtCard"/>.</param>
/// <param name="CreatesDocument">False for master data (a business partner): SAP's answer carries no DocEntry.</param>
public sealed record WorkItem(string Key, string Path, object? Body, string LookUpSet, string NumAtCard, bool CreatesDocument = true)
{
    public bool IsAction => Body is null;
}
