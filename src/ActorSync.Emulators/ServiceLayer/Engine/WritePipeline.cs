using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;
using ActorSync.Emulators.ServiceLayer.Querying;

namespace ActorSync.Emulators.ServiceLayer.Engine;

/// <summary>One write: a top-level POST/PATCH/DELETE or a part of a $batch changeset.</summary>
internal sealed class WriteOperation
{
    public required string Method { get; init; }

    /// <summary>Path below the service root, or a "$n" reference to an entity created earlier in the changeset.</summary>
    public required string Path { get; init; }
    public string? ContentId { get; init; }
    public byte[] Body { get; init; } = [];
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The answer to one successful write.</summary>
internal sealed record WriteOutcome(int Status, string? Location, byte[]? Body, bool ReturnNoContentApplied, string? ContentId);

/// <summary>All writes of a changeset succeeded (<see cref="Error"/> null) or the one at <see cref="FailedIndex"/> failed and nothing was kept.</summary>
internal sealed record ChangesetOutcome(IReadOnlyList<WriteOutcome> Results, int FailedIndex, SapException? Error, IReadOnlyList<string> CreatedSets)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Executes writes atomically. Order of events per changeset:
/// <list type="number">
/// <item>parse every part (bad JSON, unknown sets fail before anything is held);</item>
/// <item>take a capacity worker;</item>
/// <item>per write: take its item × warehouse row locks (waiting up to the lock-wait timeout, else -2039) and
///   spend its simulated work time holding them;</item>
/// <item>apply all writes under the company's short write lock in one <see cref="UnitOfWork"/>; the first
///   business-rule failure rolls back every write of the changeset;</item>
/// <item>release rows and worker.</item>
/// </list>
/// The simulated time is spent outside the company lock, so the capacity model — not a global lock — bounds
/// throughput.
/// </summary>
internal sealed class WritePipeline(ServiceLayerEmulatorState state)
{
    private sealed class ParsedWrite
    {
        public required WriteOperation Operation { get; init; }
        public required ResourcePath Target { get; init; }
        public int? ReferencedIndex { get; init; }
        public JsonElement? Body { get; init; }
        public List<RowKey> Rows { get; set; } = [];
        public int Lines { get; set; } = 1;
    }

    public async Task<ChangesetOutcome> ExecuteAsync(IReadOnlyList<WriteOperation> operations, ODataVersion version, string baseAddress, CancellationToken cancellationToken)
    {
        var parsed = new List<ParsedWrite>(operations.Count);
        var documents = new List<JsonDocument>();
        try
        {
            for (var i = 0; i < operations.Count; i++)
            {
                try
                {
                    parsed.Add(Parse(operations[i], operations, i, documents));
                }
                catch (SapException error)
                {
                    return Failed(i, error);
                }
            }

            using var worker = await state.Capacity.AcquireWorkerAsync(cancellationToken).ConfigureAwait(false);
            using var rows = new RowLockSet();
            state.Company.Read(() =>
            {
                foreach (var write in parsed)
                {
                    Plan(write, parsed);
                }

                return 0;
            });

            for (var i = 0; i < parsed.Count; i++)
            {
                var write = parsed[i];
                var blocked = await state.RowLocks.AcquireAsync(write.Rows, rows, state.Capacity.Options.EffectiveLockWait, cancellationToken).ConfigureAwait(false);
                if (blocked is not null)
                {
                    state.Stats.LockConflict();
                    return Failed(i, state.Options.LockConflict.ToException());
                }

                await state.Capacity.WorkAsync(Cost(write), cancellationToken).ConfigureAwait(false);
            }

            return state.Company.Write(() => Commit(parsed, version, baseAddress));
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    private static ChangesetOutcome Failed(int index, SapException error) => new([], index, error, []);

    private TimeSpan Cost(ParsedWrite write)
    {
        var options = state.Capacity.Options;
        return options.DocumentBaseCost + options.PerLineCost * write.Lines;
    }

    private static ParsedWrite Parse(WriteOperation operation, IReadOnlyList<WriteOperation> all, int index, List<JsonDocument> documents)
    {
        var target = ResourcePath.Parse(operation.Path);
        int? referenced = null;
        if (target.IsContentReference)
        {
            var id = target.Name[1..];
            for (var j = 0; j < index; j++)
            {
                if (string.Equals(all[j].ContentId, id, StringComparison.Ordinal))
                {
                    referenced = j;
                }
            }

            if (referenced is null)
            {
                throw SapErrors.ResourceNotFound(target.Name);
            }
        }

        JsonElement? body = null;
        if (operation.Body.Length > 0)
        {
            try
            {
                var document = JsonDocument.Parse(operation.Body);
                documents.Add(document);
                body = document.RootElement;
            }
            catch (JsonException error)
            {
                throw SapErrors.BadQuery("The request body is not valid JSON: " + error.Message);
            }
        }

        if (operation.Method is "POST" or "PATCH" && body is null && !(operation.Method == "POST" && target.Sub is not null))
        {
            throw SapErrors.Validation("The request body is empty");
        }

        if (string.Equals(operation.Header("B1S-ReplaceCollectionsOnPatch"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw SapErrors.Validation("The emulator does not support B1S-ReplaceCollectionsOnPatch");
        }

        return new ParsedWrite { Operation = operation, Target = target, ReferencedIndex = referenced, Body = body };
    }

    // ---- planning: which rows a write locks and how many lines it costs (read lock held) ---------------------

    private void Plan(ParsedWrite write, List<ParsedWrite> all)
    {
        var company = state.Company;
        var target = write.Target;
        var setName = write.ReferencedIndex is { } r ? all[r].Target.Name : target.Name;
        var set = DocumentSets.Find(setName);
        var body = write.Body;

        if (write.ReferencedIndex is { } referenced && target.Sub is not null)
        {
            // "$1/Close": the rows of the document created by part 1.
            write.Rows = [.. all[referenced].Rows];
            write.Lines = all[referenced].Lines;
            return;
        }

        if (set is null)
        {
            write.Lines = 0;
            return;
        }

        DocumentBase? existing = null;
        if (target.Key is not null && EntitySetResource<DocumentBase>.IntKey(target.Key) is { } docEntry)
        {
            existing = company.Store(set.Name).Find(docEntry);
        }

        if (write.Operation.Method == "POST" && target.Sub is not null)
        {
            // Bound action on an existing document: all its open rows.
            if (existing is MarketingDocument doc)
            {
                // Service rows have no item × warehouse row to lock.
                write.Rows = doc.Lines.Where(l => l.Open && l.ItemCode.Length > 0).Select(l => new RowKey(l.ItemCode, l.WarehouseCode)).ToList();
                write.Lines = Math.Max(1, doc.Lines.Count);
            }

            return;
        }

        if (body is not { ValueKind: JsonValueKind.Object } element)
        {
            return;
        }

        var linesProperty = set.Kind switch
        {
            DocumentSetKind.StockTransfer => "StockTransferLines",
            DocumentSetKind.Payment => "PaymentInvoices",
            _ => "DocumentLines",
        };
        if (!element.TryGetProperty(linesProperty, out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            write.Lines = set.Kind == DocumentSetKind.Payment ? 1 : 0;
            return;
        }

        write.Lines = Math.Max(1, lines.GetArrayLength());
        if (set.Kind == DocumentSetKind.Payment)
        {
            return;
        }

        foreach (var line in lines.EnumerateArray())
        {
            if (line.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var item = Text(line, "ItemCode");
            var warehouse = Text(line, "WarehouseCode");
            DocumentLine? existingLine = null;
            if (existing is MarketingDocument doc && Number(line, "LineNum") is { } lineNum)
            {
                existingLine = doc.Lines.FirstOrDefault(l => l.LineNum == lineNum);
                if (existingLine is { ItemCode.Length: > 0 })
                {
                    write.Rows.Add(new RowKey(existingLine.ItemCode, existingLine.WarehouseCode));
                }
            }
            else if (Number(line, "BaseType") is { } baseType && Number(line, "BaseEntry") is { } baseEntry &&
                     DocumentSets.FindByObjectType(baseType) is { } baseSet &&
                     company.Store(baseSet.Name).Find(baseEntry) is MarketingDocument baseDoc &&
                     Number(line, "BaseLine") is { } baseLineNum)
            {
                existingLine = baseDoc.Lines.FirstOrDefault(l => l.LineNum == baseLineNum);
                if (existingLine is not null && baseSet.Name == DocumentSets.Orders)
                {
                    write.Rows.Add(new RowKey(existingLine.ItemCode, existingLine.WarehouseCode));
                }
            }

            item ??= existingLine?.ItemCode;
            warehouse ??= existingLine?.WarehouseCode ?? company.FindItem(item)?.DefaultWarehouse;
            if (string.IsNullOrEmpty(item) || string.IsNullOrEmpty(warehouse))
            {
                continue; // a service row (or one the rules will reject): no stock row to lock
            }

            write.Rows.Add(new RowKey(item, warehouse));
            if (set.Kind == DocumentSetKind.StockTransfer)
            {
                var from = Text(line, "FromWarehouseCode") ?? Text(element, "FromWarehouse");
                var to = Text(line, "WarehouseCode") ?? Text(element, "ToWarehouse");
                write.Rows.Clear();
                if (from is not null)
                {
                    write.Rows.Add(new RowKey(item, from));
                }

                if (to is not null)
                {
                    write.Rows.Add(new RowKey(item, to));
                }
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    // ---- commit (write lock held) ---------------------------------------------------------------------------

    private ChangesetOutcome Commit(List<ParsedWrite> writes, ODataVersion version, string baseAddress)
    {
        var uow = new UnitOfWork(state.Clock.GetUtcNow().UtcDateTime);
        var created = new Dictionary<int, (string Set, object Entity)>();
        var results = new List<WriteOutcome>(writes.Count);
        var serviceRoot = baseAddress + "b1s/" + version.Segment() + "/";
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                results.Add(Apply(writes[i], created, i, uow, version, serviceRoot));
            }
            catch (SapException error)
            {
                uow.Rollback();
                return Failed(i, error);
            }
            catch
            {
                uow.Rollback();
                throw;
            }
        }

        var sets = new List<string>();
        foreach (var (document, duplicate) in uow.Created)
        {
            state.Stats.DocumentCreated(document.EntitySet, duplicate);
            sets.Add(document.EntitySet);
        }

        return new ChangesetOutcome(results, -1, null, sets);
    }

    private WriteOutcome Apply(ParsedWrite write, Dictionary<int, (string Set, object Entity)> created, int index, UnitOfWork uow,
        ODataVersion version, string serviceRoot)
    {
        var rules = state.Rules;
        var method = write.Operation.Method;
        var target = write.Target;
        var setName = target.Name;
        var key = target.Key;
        if (write.ReferencedIndex is { } referenced)
        {
            if (!created.TryGetValue(referenced, out var entity))
            {
                throw SapErrors.ResourceNotFound(target.Name);
            }

            setName = entity.Set;
            key = ResourceCatalog.KeySegment(entity.Entity);
        }

        var documentSet = DocumentSets.Find(setName);
        var known = documentSet is not null || state.Catalog.FindSet(setName) is not null;
        if (!known || target.IsView)
        {
            throw SapErrors.ResourceNotFound(setName);
        }

        switch (method)
        {
            case "POST" when key is null && target.Sub is null:
            {
                object entity = documentSet is not null
                    ? rules.CreateDocument(setName, write.Body!.Value, uow)
                    : setName == "BusinessPartners"
                        ? rules.CreateBusinessPartner(write.Body!.Value, uow)
                        : setName == "Countries"
                            ? rules.CreateCountry(write.Body!.Value, uow)
                            : throw SapErrors.NotAllowed($"The emulator does not create {setName}");
                created[index] = (setName, entity);
                var location = serviceRoot + setName + "(" + ResourceCatalog.KeySegment(entity) + ")";
                if (PrefersNoContent(write.Operation))
                {
                    return new WriteOutcome(204, location, null, true, write.Operation.ContentId);
                }

                return new WriteOutcome(201, location, state.Catalog.Serialize(setName, entity, version, serviceRoot), false, write.Operation.ContentId);
            }

            case "POST" when key is not null && target.Sub is not null:
            {
                var entry = DocEntry(key);
                if (documentSet is null)
                {
                    throw SapErrors.ResourceNotFound(target.Sub);
                }

                rules.InvokeAction(setName, entry, target.Sub, uow);
                return new WriteOutcome(204, null, null, false, write.Operation.ContentId);
            }

            case "PATCH" or "MERGE" when key is not null && target.Sub is null:
            {
                if (documentSet is not null)
                {
                    rules.PatchDocument(setName, DocEntry(key), write.Body!.Value, uow);
                }
                else if (setName == "BusinessPartners")
                {
                    rules.PatchBusinessPartner(StringKey(key), write.Body!.Value, uow);
                }
                else if (setName == "Items")
                {
                    rules.PatchItem(StringKey(key), write.Body!.Value, uow);
                }
                else
                {
                    throw SapErrors.NotAllowed($"The emulator does not update {setName}");
                }

                return new WriteOutcome(204, null, null, false, write.Operation.ContentId);
            }

            case "DELETE" when key is not null && target.Sub is null:
            {
                if (documentSet is not null)
                {
                    // Documents are never deleted in B1: they are closed or cancelled (reference §4 -5006, §6).
                    throw state.Company.Store(setName).Find(DocEntry(key)) is null ? SapErrors.NotFound() : SapErrors.NotAllowed();
                }

                switch (setName)
                {
                    case "BusinessPartners":
                        rules.DeleteBusinessPartner(StringKey(key), uow);
                        break;
                    case "Items":
                        rules.DeleteItem(StringKey(key), uow);
                        break;
                    default:
                        throw SapErrors.NotAllowed($"The emulator does not delete {setName}");
                }

                return new WriteOutcome(204, null, null, false, write.Operation.ContentId);
            }

            case "PUT":
                throw SapErrors.NotAllowed("The emulator does not support PUT; use PATCH");

            default:
                throw new SapException(405, SapErrors.InvalidPropertyCode, $"Method {method} is not allowed on this resource");
        }
    }

    private static int DocEntry(string key) => EntitySetResource<DocumentBase>.IntKey(key) ?? throw SapErrors.NotFound();

    private static string StringKey(string key) => EntitySetResource<DocumentBase>.StringKey(key) ?? throw SapErrors.NotFound();

    /// <summary><c>Prefer: return-no-content</c> (also OData v4's <c>return=minimal</c>).</summary>
    internal static bool PrefersNoContent(WriteOperation operation) =>
        operation.Header("Prefer") is { } prefer &&
        prefer.Split(',', StringSplitOptions.TrimEntries).Any(p => p.Equals("return-no-content", StringComparison.OrdinalIgnoreCase) ||
                                                                  p.Equals("return=minimal", StringComparison.OrdinalIgnoreCase));

    internal static string PreferenceApplied(WriteOperation operation) =>
        operation.Header("Prefer")!.Split(',', StringSplitOptions.TrimEntries)
            .First(p => p.Equals("return-no-content", StringComparison.OrdinalIgnoreCase) || p.Equals("return=minimal", StringComparison.OrdinalIgnoreCase))
            .ToLower(CultureInfo.InvariantCulture);
}
