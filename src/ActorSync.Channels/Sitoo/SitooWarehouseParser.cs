using System.Collections.Immutable;
using ActorSync.Channels.Json;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Sitoo;

/// <summary>Movements read from a transaction list, and the transactions deliberately left out (with why).</summary>
public sealed record WarehouseMovementBatch(ImmutableList<WarehouseMovement> Movements, ImmutableList<string> Skipped);

/// <summary>
/// Sitoo stock: warehouse transactions (<c>GET /sites/{siteid}/warehousetransactions.json</c>, fixture
/// <c>sitoo/warehousetransactions.json</c>), warehouse items (stock levels, <c>warehouseitems.json</c>) and products
/// (<c>products.json</c>); channels.md §3.4–3.5.
/// </summary>
public static class SitooWarehouseParser
{
    /// <summary>Transaction types the engine posts: 10 Move In, 20 Move Out, 50 StockTaking (§3.4).</summary>
    public const int MoveIn = 10, MoveOut = 20, StockTaking = 50;

    /// <summary>
    /// Each transaction's items carry a signed delta (<c>decimalquantity</c>) and the level after
    /// (<c>decimaltotal</c>). Move In is a receipt and Move Out an issue; a stock-taking splits by the sign of each
    /// delta. Every other type (sales, refunds, …) is the stock side of a till receipt that the POS flow already
    /// posts as an invoice or credit note, so it is skipped, by name, rather than posted twice.
    /// <c>moneypricein</c> is the receipt cost; 0.00 means "unknown" and lets SAP use the item cost.
    /// </summary>
    public static WarehouseMovementBatch ParseTransactions(string json, string source = SitooOrderParser.Channel)
    {
        var root = PayloadNode.Parse(json, SitooOrderParser.Channel);
        var list = root.IsArray ? root.Items() : root.RequireObject().Required("items").Items();
        var movements = ImmutableList.CreateBuilder<WarehouseMovement>();
        var skipped = ImmutableList.CreateBuilder<string>();
        foreach (var tx in list)
        {
            // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
            tx.RequireObject();
            var id = tx.Required("warehousetransactionid").Id();
            var type = tx.RequiredInt("transactiontype");
            var description = tx.OptionalString("description");
            if (type is not (MoveIn or MoveOut or StockTaking))
            {
                skipped.Add($"Transaction {id} (type {type}{(description is null ? "" : $", \"{description}\"")}) is not a warehouse movement the engine posts; sales and refunds reach SAP through the POS flow.");
                continue;
            }

            var warehouse = tx.Required("warehouseid").Id();
            var at = tx.Required("datecreated").UnixTime();
            var reference = tx.OptionalString("externalid");
            var reason = tx.Optional("reasoncode")?.Id();
            var receipts = ImmutableList.CreateBuilder<MovementLine>();
            var issues = ImmutableList.CreateBuilder<MovementLine>();
            foreach (var item in tx.Required("items").Items())
            {
                // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
                item.RequireObject();
                var delta = item.RequiredDecimal("decimalquantity");
                var cost = item.OptionalDecimal("moneypricein");
                var sku = item.RequiredString("sku");
                if (delta == 0)
                    continue;
                if (type == MoveIn && delta < 0 || type == MoveOut && delta > 0)
                    skipped.Add($"Transaction {id} ({description ?? type.ToString(System.Globalization.CultureInfo.InvariantCulture)}) has {sku} with a {(delta > 0 ? "positive" : "negative")} quantity; booked by its sign.");
                var line = new MovementLine(sku, Math.Abs(delta), UnitCost: delta > 0 && cost > 0 ? cost : null);
                // Stryker disable once Equality : equivalent, a delta of 0 was skipped above
                (delta > 0 ? receipts : issues).Add(line);
            }

            if (receipts.Count > 0)
                movements.Add(new WarehouseMovement(source, id, MovementKind.Receipt, at, warehouse, receipts.ToImmutable(), Reference: reference, ReasonCode: reason));
            if (issues.Count > 0)
                movements.Add(new WarehouseMovement(source, id, MovementKind.Issue, at, warehouse, issues.ToImmutable(), Reference: reference, ReasonCode: reason));
        }

        return new WarehouseMovementBatch(movements.ToImmutable(), skipped.ToImmutable());
    }

    /// <summary>
    /// Stock levels. The stock field is <c>decimaltotal</c> (on hand); <c>decimalquantitytotal</c> is an order-item
    /// field (§3.4). The list is per warehouse and names it only in the URL, so the caller passes it when known.
    /// </summary>
    public static ImmutableList<ChannelStockLevel> ParseWarehouseItems(string json, string? warehouseId = null)
    {
        var root = PayloadNode.Parse(json, SitooOrderParser.Channel);
        var list = root.IsArray ? root.Items() : root.RequireObject().Required("items").Items();
        return list.Select(i =>
        {
            // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
            i.RequireObject();
            var total = i.RequiredDecimal("decimaltotal");
            var reserved = i.OptionalDecimal("decimalreserved");
            var modified = i.Optional("datelastmodified")?.UnixTime();
            return new ChannelStockLevel(SitooOrderParser.Channel, warehouseId, i.RequiredString("sku"), total, reserved,
                i.Optional("decimalavailable")?.Decimal() ?? total - reserved,
                modified);
        }).ToImmutableList();
    }

    /// <summary>Products (SAP masters them; listed for comparison only). <c>moneyprice</c> is gross on modern accounts (§3.5).</summary>
    public static ImmutableList<ChannelProduct> ParseProducts(string json)
    {
        var root = PayloadNode.Parse(json, SitooOrderParser.Channel);
        var list = root.IsArray ? root.Items() : root.RequireObject().Required("items").Items();
        return list.Select(p => new ChannelProduct(SitooOrderParser.Channel, p.RequireObject().Required("productid").Id(), p.RequiredString("sku"),
            p.OptionalString("title"), p.Optional("moneyprice")?.Decimal())).ToImmutableList();
    }

    /// <summary>What kind of Sitoo list this is, from its first item's id field; null for an empty list or an unknown shape.</summary>
    public static string? ListKind(PayloadNode root)
    {
        var list = root.IsArray ? root : root.IsObject && root.Optional("items") is { IsArray: true } items ? items : (PayloadNode?)null;
        if (list is null)
            return null;
        var first = list.Value.Items().FirstOrDefault();
        if (!first.IsObject)
            return null;
        foreach (var (field, kind) in new[] { ("warehousetransactionid", "warehousetransactions"), ("warehouseitemid", "warehouseitems"), ("orderid", "orders"), ("productid", "products") })
        {
            if (first.Has(field))
                return kind;
        }

        return null;
    }
}
