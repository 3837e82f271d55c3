using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Warehouse;

/// <summary>A document standing for many movements; <see cref="MovementKeys"/> are the movements it settles.</summary>
public sealed record CoalescedDocument(SapPosting Posting, DateTimeOffset WindowStart, ImmutableList<string> MovementKeys);

/// <summary>A movement kept out of every document, with the reasons; its neighbours still post.</summary>
public sealed record RejectedMovement(WarehouseMovement Movement, ImmutableList<ExceptionDetails> Exceptions);

public sealed record WarehousePlan(ImmutableList<CoalescedDocument> Documents, ImmutableList<RejectedMovement> Rejected, ImmutableList<string> Notes);

/// <summary>
/// Many WMS movements become few SAP documents (DESIGN.md: "many movements coalesced into one document"): per time
/// window, one goods receipt per SAP warehouse, one goods issue per SAP warehouse and one stock transfer per
/// (from, to) warehouse pair. Each line is mapped to its SAP warehouse on its own (line location, else the
/// movement's), so one movement may feed several documents. Rows of the same item (and batch, and receipt cost)
/// merge. A movement with any mapping or master-data problem is rejected whole and reported; it never blocks the rest.
/// Windows are aligned to UTC multiples of the window length, so the same movements always land in the same groups.
/// </summary>
public static class WarehouseDocumentCoalescer
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(15);

    public static WarehousePlan Coalesce(IEnumerable<WarehouseMovement> movements, OrderMapping mapping, TimeSpan window, MasterDataSnapshot? snapshot = null)
    {
        if (window <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(window), window, "The coalescing window must be positive.");

        var rejected = ImmutableList.CreateBuilder<RejectedMovement>();
        var notes = ImmutableList.CreateBuilder<string>();
        var allocator = snapshot is null ? null : new StockAllocator(snapshot, mapping.BatchAllocation);
        var groups = new Dictionary<GroupKey, Group>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var movement in movements.OrderBy(m => m.OccurredAt).ThenBy(m => m.MovementId, StringComparer.Ordinal))
        {
            if (!seen.Add(movement.IdempotencyKey))
            {
                notes.Add($"Movement {movement.IdempotencyKey} arrived twice; counted once.");
                continue;
            }

            var problems = ImmutableList.CreateBuilder<ExceptionDetails>();
            var checkpoint = allocator?.Checkpoint();
            var rows = new List<(GroupKey Key, MovementLine Line, ImmutableList<SapBatchNumber>? Batches, ImmutableList<SapSerialNumber>? Serials)>();
            var windowStart = WindowStart(movement.OccurredAt, window);
            var context = $"{movement.Source} {movement.Kind.ToString().ToLowerInvariant()} {movement.MovementId}";
            if (movement.Lines.IsEmpty)
                problems.Add(ExceptionTypes.InvalidOrder($"{context} has no lines."));

            string? toWarehouse = null;
            if (movement.Kind == MovementKind.Transfer)
            {
                if (movement.ToLocation is null)
                    problems.Add(ExceptionTypes.InvalidOrder($"{context}: a transfer without a destination location."));
                else
                {
                    (toWarehouse, var toProblem) = MappingResolution.ResolveWarehouse(mapping, movement.Source, movement.ToLocation, context);
                    Add(problems, toProblem);
                }
            }

            for (var i = 0; i < movement.Lines.Count; i++)
            {
                var line = movement.Lines[i];
                var lineContext = $"{context}, line {i + 1} ({line.Sku})";
                if (line.Quantity <= 0)
                {
                    problems.Add(ExceptionTypes.InvalidOrder($"{lineContext}: quantity {line.Quantity.ToString(CultureInfo.InvariantCulture)} is not positive."));
                    continue;
                }

                var (warehouse, problem) = MappingResolution.ResolveWarehouse(mapping, movement.Source, line.Location ?? movement.Location, lineContext);
                if (problem is not null)
                {
                    problems.Add(problem);
                    continue;
                }

                ImmutableList<SapBatchNumber>? batches = line.BatchNumber is null ? null
                    : [new SapBatchNumber(line.BatchNumber, line.Quantity, line.BatchExpiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];
                ImmutableList<SapSerialNumber>? serials = line.SerialNumbers?.Select(s => new SapSerialNumber(s)).ToImmutableList();
                if (snapshot is not null)
                {
                    Add(problems, MasterDataChecks.Item(snapshot, line.Sku, lineContext));
                    Add(problems, MasterDataChecks.Warehouse(snapshot, warehouse!, lineContext));
                    if (toWarehouse is not null)
                        Add(problems, MasterDataChecks.Warehouse(snapshot, toWarehouse, lineContext));
                    if (movement.Kind == MovementKind.Receipt)
                    {
                        Add(problems, MasterDataChecks.Receipt(snapshot, line.Sku, warehouse!, line.Quantity, batches, serials, lineContext));
                    }
                    else if (batches is null && serials is null)
                    {
                        // The source did not say which batches or serials left: choose them as SAP's selection would.
                        var allocation = allocator!.TakeOut(line.Sku, warehouse!, line.Quantity, lineContext);
                        Add(problems, allocation.Exception);
                        (batches, serials) = (allocation.BatchNumbers, allocation.SerialNumbers);
                    }
                }

                var key = movement.Kind switch
                {
                    MovementKind.Transfer => new GroupKey(movement.Kind, warehouse!, toWarehouse ?? "?", windowStart),
                    _ => new GroupKey(movement.Kind, warehouse!, null, windowStart),
                };
                rows.Add((key, line, batches, serials));
            }

            if (problems.Count > 0)
            {
                if (checkpoint is not null)
                    allocator!.Rollback(checkpoint);
                rejected.Add(new RejectedMovement(movement, problems.ToImmutable()));
                continue;
            }

            foreach (var (key, line, batches, serials) in rows)
            {
                if (key.Kind == MovementKind.Transfer && string.Equals(key.Warehouse, key.ToWarehouse, StringComparison.Ordinal))
                {
                    notes.Add($"{context}: {line.Sku} moved between two locations that both map to warehouse {key.Warehouse}; nothing to post for it.");
                    continue;
                }

                if (!groups.TryGetValue(key, out var group))
                    groups[key] = group = new Group();
                group.Add(movement.IdempotencyKey, line, batches, serials, key.Kind == MovementKind.Receipt);
            }
        }

        var documents = groups
            .OrderBy(g => g.Key.WindowStart).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.Warehouse, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ToWarehouse, StringComparer.Ordinal)
            .Select(g => ToDocument(g.Key, g.Value, window))
            .ToImmutableList();
        return new WarehousePlan(documents, rejected.ToImmutable(), notes.ToImmutable());
    }

    public static DateTimeOffset WindowStart(DateTimeOffset at, TimeSpan window)
    {
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - utc % window.Ticks, TimeSpan.Zero);
    }

    private static CoalescedDocument ToDocument(GroupKey key, Group group, TimeSpan window)
    {
        var docDate = key.WindowStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var movementKeys = group.MovementKeys.ToImmutableList();
        var entitySet = key.Kind switch
        {
            MovementKind.Receipt => SapFlowEntitySets.InventoryGenEntries,
            MovementKind.Issue => SapFlowEntitySets.InventoryGenExits,
            _ => SapFlowEntitySets.StockTransfers,
        };
        var reference = Reference(entitySet, key, movementKeys);
        var what = key.Kind switch
        {
            MovementKind.Receipt => $"receipts into {key.Warehouse}",
            MovementKind.Issue => $"issues from {key.Warehouse}",
            _ => $"transfers {key.Warehouse} -> {key.ToWarehouse}",
        };
        var comments = Truncate(
            $"ActorSync {what}, window {key.WindowStart:yyyy-MM-dd HH:mm}Z +{(int)window.TotalMinutes} min: {string.Join(", ", movementKeys)}", 254);
        var memo = Truncate($"ActorSync WMS {what}", 50);
        object body = key.Kind == MovementKind.Transfer
            ? new SapStockTransfer(docDate, key.Warehouse, key.ToWarehouse!,
                group.Rows.Select(r => new SapStockTransferLine(r.Sku, r.Quantity, key.Warehouse, key.ToWarehouse!, r.BatchList(), r.SerialList())).ToImmutableList(),
                reference, comments, memo)
            : new SapInventoryDocument(docDate,
                group.Rows.Select(r => new SapInventoryLine(r.Sku, r.Quantity, key.Warehouse, r.UnitCost, r.BatchList(), r.SerialList())).ToImmutableList(),
                reference, comments, memo);
        return new CoalescedDocument(new SapPosting(entitySet, body, reference), key.WindowStart, movementKeys);
    }

    /// <summary>
    /// An 11-character key (SAP's Ref2 length) from the group's identity and the movements it holds: the same
    /// movements always give the same key, so a retry finds the document instead of posting it twice.
    /// </summary>
    private static string Reference(string entitySet, GroupKey key, ImmutableList<string> movementKeys)
    {
        var text = $"{entitySet}|{key.Warehouse}|{key.ToWarehouse}|{key.WindowStart.UtcTicks}|{string.Join("|", movementKeys.Order(StringComparer.Ordinal))}";
        return "W" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
    }

    private static void Add(ImmutableList<ExceptionDetails>.Builder list, ExceptionDetails? exception)
    {
        if (exception is not null)
            list.Add(exception);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record GroupKey(MovementKind Kind, string Warehouse, string? ToWarehouse, DateTimeOffset WindowStart);

    private sealed class Group
    {
        public List<string> MovementKeys { get; } = [];

        public List<Row> Rows { get; } = [];

        public void Add(string movementKey, MovementLine line, ImmutableList<SapBatchNumber>? batches, ImmutableList<SapSerialNumber>? serials, bool isReceipt)
        {
            if (!MovementKeys.Contains(movementKey))
                MovementKeys.Add(movementKey);

            // Receipts keep different costs apart (each row carries its own cost); issues and transfers move at SAP's cost.
            var cost = isReceipt ? line.UnitCost : null;
            var row = Rows.FirstOrDefault(r => r.Sku == line.Sku && r.UnitCost == cost);
            if (row is null)
                Rows.Add(row = new Row(line.Sku, cost));
            row.Quantity += line.Quantity;
            foreach (var batch in batches ?? [])
            {
                var index = row.Batches.FindIndex(b => b.BatchNumber == batch.BatchNumber);
                if (index < 0)
                    row.Batches.Add(batch);
                else
                    row.Batches[index] = row.Batches[index] with { Quantity = row.Batches[index].Quantity + batch.Quantity };
            }

            row.Serials.AddRange(serials ?? []);
        }
    }

    private sealed class Row(string sku, decimal? unitCost)
    {
        public string Sku { get; } = sku;

        public decimal? UnitCost { get; } = unitCost;

        public decimal Quantity { get; set; }

        public List<SapBatchNumber> Batches { get; } = [];

        public List<SapSerialNumber> Serials { get; } = [];

        public ImmutableList<SapBatchNumber>? BatchList() => Batches.Count == 0 ? null : Batches.ToImmutableList();

        public ImmutableList<SapSerialNumber>? SerialList() => Serials.Count == 0 ? null : Serials.ToImmutableList();
    }
}
