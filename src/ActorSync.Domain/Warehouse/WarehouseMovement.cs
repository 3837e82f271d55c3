using System.Collections.Immutable;

namespace ActorSync.Domain.Warehouse;

public enum MovementKind
{
    /// <summary>Goods came into a location (goods-in, ASN booked in, stock-count surplus): an SAP goods receipt.</summary>
    Receipt,
    /// <summary>Goods left a location other than by sale (scrap, stock-count shortage, sample): an SAP goods issue.</summary>
    Issue,
    /// <summary>Goods moved between two locations: an SAP stock transfer.</summary>
    Transfer,
}

/// <summary>
/// A stock movement a warehouse system reported (channels.md §4.5's canonical inbound event, stock kinds only),
/// after channel parsing. Quantities are positive; <see cref="Kind"/> gives the direction. A signed adjustment
/// arrives as a receipt or an issue.
/// </summary>
/// <param name="Source">Who reported it (<c>sitoo</c>, <c>wms</c>, …): the channel whose locations map it.</param>
/// <param name="MovementId">The source's id; with <see cref="Source"/> it makes the movement idempotent.</param>
/// <param name="Location">Where it happened (for a transfer: where the goods left).</param>
/// <param name="ToLocation">For a transfer: where the goods arrived.</param>
public sealed record WarehouseMovement(
    string Source,
    string MovementId,
    MovementKind Kind,
    DateTimeOffset OccurredAt,
    string Location,
    ImmutableList<MovementLine> Lines,
    string? ToLocation = null,
    string? Reference = null,
    string? ReasonCode = null)
{
    public string IdempotencyKey => $"{Source}:{MovementId}:{Kind}";
}

/// <summary>
/// One SKU in a movement. <see cref="Location"/> overrides the movement's location for this line (a WMS may book
/// lines of one movement into different sites or sources), which is why warehouses are mapped per line.
/// </summary>
/// <param name="UnitCost">Receipt cost per unit when the source knows it (Sitoo <c>moneypricein</c>); SAP uses the item cost otherwise.</param>
public sealed record MovementLine(
    string Sku,
    decimal Quantity,
    string? BatchNumber = null,
    ImmutableList<string>? SerialNumbers = null,
    decimal? UnitCost = null,
    string? Location = null,
    DateOnly? BatchExpiry = null);
