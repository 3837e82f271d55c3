namespace ActorSync.Domain.Posting;

/// <summary>What SAP is asked to do, which decides how its answer reads.</summary>
public enum RequestKind
{
    /// <summary>Create a document: SAP's answer carries its DocEntry and DocNum.</summary>
    Document,

    /// <summary>Create master data (a business partner): SAP's answer carries no DocEntry.</summary>
    MasterData,

    /// <summary>A bound action on a document (<c>Orders(12)/Cancel</c>): no body, and no document in the answer.</summary>
    Action,
}

/// <summary>What an entity sends for its current piece of work, and how to find it again after an uncertain answer.</summary>
/// <param name="Key">The work's correlation id with the gateway (a job's key, <c>order</c>, <c>customer</c>).</param>
/// <param name="Path">Entity set for documents and master data (<c>Orders</c>, <c>BusinessPartners</c>…), or an action path (<c>Orders(12)/Cancel</c>).</param>
/// <param name="Body">The document or master data record (a JSON string for journaled jobs); null for actions.</param>
/// <param name="LookUp">Where the result is found again: an action's look-up finds the document it acts on.</param>
public sealed record WorkItem(string Key, RequestKind Kind, string Path, object? Body, LookUpKey LookUp);
