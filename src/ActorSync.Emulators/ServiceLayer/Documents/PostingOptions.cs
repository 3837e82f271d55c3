namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>Company settings that change posting rules.</summary>
public sealed record PostingOptions
{
    /// <summary>
    /// B1's "block negative inventory" company setting. When on (default), an issue that would take InStock below
    /// zero fails with -10 "Quantity falls into negative inventory [INV1.ItemCode][line:1]" (KBA 2693418).
    /// Batch quantities are always checked: a batch cannot give more than it holds in the warehouse.
    /// </summary>
    public bool BlockNegativeInventory { get; init; } = true;
}
