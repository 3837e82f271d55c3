namespace ActorSync.Domain.Documents;

/// <summary>
/// One batch a document row draws from or puts into (SAP's <c>BatchNumber</c> complex type: <c>BatchNumber</c> is
/// the DistNumber). <see cref="ExpiryDate"/> (yyyy-MM-dd) only matters when a receipt creates the batch.
/// </summary>
public sealed record SapBatchNumber(string BatchNumber, decimal Quantity, string? ExpiryDate = null);

/// <summary>One serial a document row moves (SAP's <c>SerialNumber</c> complex type; DistNumber is <c>InternalSerialNumber</c>).</summary>
public sealed record SapSerialNumber(string InternalSerialNumber, decimal Quantity = 1m);
