using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Audit;
using ActorSync.Domain.Connectors;
using ActorSync.Domain.Connectors.BigCommerce;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Domain.Connectors.Magento;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Journal;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Stock;
using ActorSync.Domain.StockPublishing;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.WarehouseFlow;

namespace ActorSync.Domain.Tests.Journal;

/// <summary>
/// The golden journals: every release's samples of every persisted type, as the bytes that release wrote, with the
/// state each record replayed to. Every later build must read those bytes and replay them to the same state.
/// Files are only ever added (<c>ACTORSYNC_WRITE_GOLDEN=v2 dotnet test --filter GoldenJournalSpecs</c> writes a
/// release's missing files), never rewritten.
/// </summary>
public class GoldenJournalSpecs
{
    public const string CurrentRelease = "v1";

    /// <summary>Each area's contract and how its records replay: entity id (persistence id less its prefix) and entries to a state.</summary>
    private static readonly Dictionary<string, (JournalContract Contract, Func<string, IReadOnlyList<object>, object> Replay)> Areas = new()
    {
        ["orders"] = (OrderJournal.Contract, (pid, entries) =>
            entries.Cast<OrderEvents.IOrderEvent>().Aggregate(OrderState.Empty(pid["order-".Length..]), (s, e) => s.ProcessEvent(e))),
        ["pos"] = (PosJournal.Contract, (pid, entries) =>
            entries.Cast<PosEvents.IPosEvent>().Aggregate(PosTransactionState.Empty(pid["pos-".Length..]), (s, e) => s.ProcessEvent(e))),
        ["warehouse"] = (WarehouseJournal.Contract, (pid, entries) =>
            entries.Cast<WarehouseEvents.IWarehouseEvent>().Aggregate(WarehouseWindowState.Empty(pid["warehouse-movements-".Length..]), (s, e) => s.ProcessEvent(e))),
        ["stock"] = (StockJournal.Contract, (_, entries) => entries.Aggregate(new StockPositionState(), (s, e) => e switch
        {
            StockPositionSnapshot snapshot => snapshot.ToState(),
            StockEvents.IStockEvent evt => s.ProcessEvent(evt),
            _ => throw new InvalidOperationException(e.GetType().Name),
        })),
        ["exceptions"] = (ExceptionQueueJournal.Contract, (_, entries) => entries.Aggregate(ExceptionQueueState.Empty, (s, e) => e switch
        {
            ExceptionQueueSnapshot snapshot => ExceptionQueueState.FromSnapshot(snapshot),
            ExceptionQueueEvents.IExceptionQueueEvent evt => s.ProcessEvent(evt),
            _ => throw new InvalidOperationException(e.GetType().Name),
        })),
        // Payment events live in the order's journal beside its own; alone, they replay onto an empty order.
        ["payments"] = (PaymentJournal.Contract, (pid, entries) =>
            entries.Cast<OrderEvents.IOrderEvent>().Aggregate(OrderState.Empty(pid["order-".Length..]), (s, e) => s.ProcessEvent(e))),
        ["connectors"] = (ConnectorJournal.Contract, (pid, entries) => pid.StartsWith("inbox-", StringComparison.Ordinal)
            ? entries.Aggregate(InboxState.Empty(pid["inbox-".Length..]), (s, e) => e switch
            {
                InboxSnapshot snapshot => InboxState.FromSnapshot(snapshot),
                InboxEvents.IInboxEvent evt => s.ProcessEvent(evt),
                _ => throw new InvalidOperationException(e.GetType().Name),
            })
            : entries.Cast<ReconcileEvents.IReconcileEvent>().Aggregate(ReconcileCursorState.Empty, (s, e) => s.ProcessEvent(e))),
        ["sitoo"] = (SitooJournal.Contract, (_, entries) =>
            entries.Cast<SitooPollEvents.ISitooPollEvent>().Aggregate(SitooPollState.Empty, (s, e) => s.ProcessEvent(e))),
        ["magento"] = (MagentoJournal.Contract, (_, entries) =>
            entries.Cast<MagentoPollEvents.IMagentoPollEvent>().Aggregate(MagentoPollState.Empty, (s, e) => s.ProcessEvent(e))),
        ["stock-publishing"] = (StockPublishingJournal.Contract, (pid, entries) => pid.StartsWith("stock-publisher-", StringComparison.Ordinal)
            ? entries.Aggregate(StockPublisherState.Empty, (s, e) => e switch
            {
                StockPublisherSnapshot snapshot => StockPublisherState.FromSnapshot(snapshot),
                StockPublisherEvents.IStockPublisherEvent evt => s.ProcessEvent(evt),
                _ => throw new InvalidOperationException(e.GetType().Name),
            })
            : entries.Cast<SapStockCursorEvents.ISapStockCursorEvent>().Aggregate(SapStockCursorState.Empty, (s, e) => s.ProcessEvent(e))),
        ["catalogue"] = (CatalogueJournal.Contract, (pid, entries) => pid.StartsWith("catalogue-publisher-", StringComparison.Ordinal)
            ? entries.Aggregate(CataloguePublisherState.Empty, (s, e) => e switch
            {
                CataloguePublisherSnapshot snapshot => CataloguePublisherState.FromSnapshot(snapshot),
                CataloguePublisherEvents.ICataloguePublisherEvent evt => s.ProcessEvent(evt),
                _ => throw new InvalidOperationException(e.GetType().Name),
            })
            : entries.Cast<CatalogueReaderEvents.ICatalogueReaderEvent>().Aggregate(CatalogueReaderState.Empty, (s, e) => s.ProcessEvent(e))),
        ["reconciliation"] = (ReconciliationJournal.Contract, (_, entries) =>
            entries.Cast<ReconEvents.IReconEvent>().Aggregate(ReconRunsState.Empty, (s, e) => s.ProcessEvent(e))),
        ["audit"] = (AuditJournal.Contract, (_, entries) => entries.Aggregate(AuditTrailState.Empty, (s, e) => e switch
        {
            AuditTrailSnapshot snapshot => AuditTrailState.FromSnapshot(snapshot),
            AuditEvents.IAuditEvent evt => s.ProcessEvent(evt),
            _ => throw new InvalidOperationException(e.GetType().Name),
        })),
    };

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Read from the test project's own folder, so a newly written file is seen at once.</summary>
    private static readonly string Golden = Path.Combine(FindTestProject(), "Journal", "Golden");

    private static IEnumerable<string> GoldenFiles() =>
        Directory.Exists(Golden)
            ? Directory.GetFiles(Golden, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    public static IEnumerable<object[]> Files() => GoldenFiles().Select(f => new object[] { Path.GetRelativePath(Golden, f) });

    private static object State(string area, string persistenceId, IReadOnlyList<object> entries) => Areas[area].Replay(persistenceId, entries);

    private static JsonNode StateJson(object state) => JsonSerializer.SerializeToNode(state, state.GetType(), JournalCodec.Json)!;

    [Theory]
    [MemberData(nameof(Files))]
    public void A_golden_journal_replays_to_the_state_it_recorded(string file)
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(Golden, file)))!;
        var area = golden["area"]!.GetValue<string>();
        var contract = Areas[area].Contract;
        foreach (var record in golden["records"]!.AsArray())
        {
            var persistenceId = record!["persistenceId"]!.GetValue<string>();
            var entries = new List<object>();
            foreach (var entry in record["entries"]!.AsArray())
            {
                var manifest = entry!["manifest"]!.GetValue<string>();
                var bytes = Convert.FromBase64String(entry["bytes"]!.GetValue<string>());
                var read = JournalCodec.Read(contract, manifest, bytes);
                // The readable copy in the file says the same as the bytes.
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JournalCodec.Text(contract, bytes)), entry["json"]), $"{file} {persistenceId} {manifest}: bytes and json differ");
                entries.Add(read);
            }
            var replayed = StateJson(State(area, persistenceId, entries));
            Assert.True(JsonNode.DeepEquals(record["state"], replayed), $"{file} {persistenceId} replayed to\n{replayed}\nrecorded\n{record["state"]}");
        }
    }

    [Fact]
    public void Every_journaled_type_has_a_golden_sample()
    {
        var sampled = GoldenFiles().SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["records"]!.AsArray())
            .SelectMany(r => r!["entries"]!.AsArray()).Select(e => e!["manifest"]!.GetValue<string>()).ToHashSet();
        var journaled = Areas.Values.SelectMany(a => a.Contract.Types.Where(typeof(IJournaled).IsAssignableFrom).Select(a.Contract.ManifestOf));

        var missing = journaled.Where(m => !sampled.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "no golden sample of " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_journaled_type_is_written_by_exactly_one_contract()
    {
        var journaled = typeof(IJournaled).Assembly.GetTypes().Where(t => typeof(IJournaled).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

        foreach (var type in journaled)
            Assert.True(Areas.Values.Count(a => a.Contract.Writes(type)) == 1, $"{type.Name} must be in exactly one journal contract");
    }

    [Fact]
    public void Every_sample_is_of_its_area_and_round_trips_through_the_codec_unchanged()
    {
        foreach (var (area, samples) in JournalSamples.ByArea.Select(a => (a.Key, a.Value)).Concat(JournalSamples.Additions.Values))
        foreach (var entry in samples.SelectMany(s => s.Entries))
        {
            var contract = Areas[area].Contract;
            var (manifest, bytes) = JournalCodec.Write(contract, entry);
            var read = JournalCodec.Read(contract, manifest, bytes);

            Assert.Equal(entry.GetType(), read.GetType());
            Assert.Equal(JournalCodec.Text(contract, bytes), JournalCodec.Text(contract, JournalCodec.Write(contract, read).Bytes));
        }
    }

    [Fact]
    public void The_current_release_has_golden_files_for_every_area()
    {
        var release = Environment.GetEnvironmentVariable("ACTORSYNC_WRITE_GOLDEN");
        if (!string.IsNullOrEmpty(release)) WriteMissingGoldenFiles(release);

        var folder = Path.Combine(Golden, CurrentRelease);
        Assert.All(Areas.Keys, area => Assert.True(File.Exists(Path.Combine(folder, $"{area}.json")), $"no golden journal for {area} in {CurrentRelease}"));
    }

    /// <summary>
    /// Writes this build's samples as the golden files of <paramref name="release"/>, for areas that have none yet, and
    /// the samples added since as their own files (<see cref="JournalSamples.Additions"/>) when those are missing.
    /// </summary>
    private static void WriteMissingGoldenFiles(string release)
    {
        var files = JournalSamples.ByArea.Select(a => (File: a.Key, Area: a.Key, Samples: a.Value))
            .Concat(JournalSamples.Additions.Select(a => (File: a.Key, a.Value.Area, a.Value.Samples)));
        foreach (var (file, area, samples) in files)
        {
            var path = Path.Combine(Golden, release, $"{file}.json");
            if (File.Exists(path)) continue;
            var contract = Areas[area].Contract;
            var records = new JsonArray();
            foreach (var sample in samples)
            {
                var entries = new JsonArray();
                foreach (var entry in sample.Entries)
                {
                    var (manifest, bytes) = JournalCodec.Write(contract, entry);
                    entries.Add(new JsonObject
                    {
                        ["manifest"] = manifest, ["bytes"] = Convert.ToBase64String(bytes), ["json"] = JsonNode.Parse(JournalCodec.Text(contract, bytes)),
                    });
                }
                var state = State(area, sample.PersistenceId, sample.Entries.Select(e => JournalCodec.Read(contract, contract.ManifestOf(e.GetType()), JournalCodec.Write(contract, e).Bytes)).ToImmutableList());
                records.Add(new JsonObject { ["persistenceId"] = sample.PersistenceId, ["entries"] = entries, ["state"] = StateJson(state) });
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, new JsonObject { ["area"] = area, ["release"] = release, ["records"] = records }.ToJsonString(FileJson) + "\n");
        }
    }

    private static string FindTestProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSync.Domain.Tests.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("The test project's folder was not found above the test binaries.");
    }
}
