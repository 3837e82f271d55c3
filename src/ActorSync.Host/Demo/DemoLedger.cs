using System.Collections.Concurrent;

namespace ActorSync.Host.Demo;

/// <summary>The demo's flows, each shown on the progress line and in the summary.</summary>
public enum DemoFlow
{
    /// <summary>A web order's sales order.</summary>
    Order,

    /// <summary>A warehouse dispatch's delivery and invoice.</summary>
    Dispatch,

    /// <summary>The channel's shipment with the dispatch's tracking (Magento, BigCommerce).</summary>
    Tracking,

    /// <summary>A web invoice's incoming payment of the money captured at checkout.</summary>
    Payment,

    /// <summary>A channel refund's credit note and the refund paid out (a BigCommerce refund, a Magento credit memo).</summary>
    Refund,

    /// <summary>A till sale's invoice and its payment.</summary>
    PosSale,

    /// <summary>A till return's credit note and its refund payment.</summary>
    PosReturn,
}

/// <summary>
/// One document the run must end with <see cref="Count"/> times (0: must never be posted, such as a cancelled order's).
/// <see cref="Set"/> is an SAP entity set or a channel's shipments (<see cref="DemoLedger.ShipmentsOf"/>); <see cref="Key"/>
/// is the document's <c>NumAtCard</c>, the base of copied documents' <c>NumAtCard</c> followed by "/" (<c>MAGENTO-000010003/</c>),
/// the NumAtCard of the document a payment settles, or the channel's order id for a shipment. <see cref="Record"/> groups
/// the documents of one thing done (a dispatch: its delivery and its invoice), which is done when all of them are.
/// </summary>
public sealed record DemoExpectation(string Channel, DemoFlow Flow, string Record, string Set, string Key, int Count = 1);

/// <summary>What was found of the documents counted in SAP and the channels: per set, per key, how many.</summary>
public sealed record DemoSnapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Sets)
{
    public static readonly DemoSnapshot Empty = new(new Dictionary<string, IReadOnlyDictionary<string, int>>());

    public int Count(string set, string key) => Sets.TryGetValue(set, out var keys) && keys.TryGetValue(key, out var n) ? n : 0;

    /// <summary>The key a document counts under: its NumAtCard, or for a copied one (<c>MAGENTO-1/DS1</c>) its base and "/".</summary>
    public static string KeyOf(string numAtCard) => numAtCard.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? numAtCard[..(slash + 1)] : numAtCard;
}

/// <summary>
/// Per channel and flow: records expected and done (each of their documents found exactly as often as expected),
/// documents found more often than expected, and a few documents still missing.
/// </summary>
public sealed record DemoFlowTally(string Channel, DemoFlow Flow, int Expected, int Done, int Duplicates, IReadOnlyList<string> Missing);

/// <summary>The run's verdict: every expected document exactly once, nothing unexpected, no duplicate anywhere.</summary>
public sealed record DemoTally(IReadOnlyList<DemoFlowTally> Flows, int StrayDuplicates)
{
    public int Expected => Flows.Sum(f => f.Expected);
    public int Done => Flows.Sum(f => f.Done);
    public int Duplicates => Flows.Sum(f => f.Duplicates) + StrayDuplicates;
    /// <summary>Every record done; <see cref="ExactlyOnce"/> also wants no duplicate (a cancelled order's sales order counts as one).</summary>
    public bool Complete => Flows.All(f => f.Done == f.Expected);
    public bool ExactlyOnce => Complete && Duplicates == 0;

    public DemoFlowTally Of(string channel, DemoFlow flow) =>
        Flows.FirstOrDefault(f => f.Channel == channel && f.Flow == flow) ?? new DemoFlowTally(channel, flow, 0, 0, 0, []);

    public int ExpectedOf(DemoFlow flow) => Flows.Where(f => f.Flow == flow).Sum(f => f.Expected);
    public int DoneOf(DemoFlow flow) => Flows.Where(f => f.Flow == flow).Sum(f => f.Done);
}

/// <summary>
/// What the demo made the channels do, as the documents that must come of it; added to as the traffic runs and
/// compared with SAP and the channels by <see cref="Tally"/>. Thread-safe.
/// </summary>
public sealed class DemoLedger
{
    public static readonly string[] DocumentSets = ["Orders", "DeliveryNotes", "Invoices", "CreditNotes", "IncomingPayments", "VendorPayments"];

    private readonly ConcurrentQueue<DemoExpectation> _expected = new();
    private readonly ConcurrentDictionary<string, int> _placed = new(StringComparer.Ordinal);

    public static string ShipmentsOf(string channel) => $"shipments:{channel}";

    public void Expect(DemoExpectation expectation) => _expected.Enqueue(expectation);

    /// <summary>A record the channel emulator now holds (an order placed, a refund made), by channel and kind.</summary>
    public void Placed(string channel, string kind, int count = 1) => _placed.AddOrUpdate($"{channel}/{kind}", count, (_, n) => n + count);

    public int PlacedOf(string channel, string kind) => _placed.GetValueOrDefault($"{channel}/{kind}");

    public IReadOnlyList<DemoExpectation> Expectations => [.. _expected];

    public DemoTally Tally(DemoSnapshot snapshot) => Tally(Expectations, snapshot);

    /// <summary>
    /// Compares what must exist with what does. A key found more often than expected counts as duplicates of its flow;
    /// a document in SAP found more than once under a key nobody expected counts as a stray duplicate.
    /// </summary>
    public static DemoTally Tally(IReadOnlyList<DemoExpectation> expected, DemoSnapshot snapshot)
    {
        var flows = expected.GroupBy(e => (e.Channel, e.Flow)).Select(g =>
        {
            var found = g.Select(e => (e, n: snapshot.Count(e.Set, e.Key))).ToList();
            var records = found.GroupBy(x => x.e.Record).Where(r => r.Any(x => x.e.Count > 0)).ToList();
            return new DemoFlowTally(g.Key.Channel, g.Key.Flow,
                Expected: records.Count,
                Done: records.Count(r => r.All(x => x.n == x.e.Count)),
                Duplicates: found.Sum(x => Math.Max(0, x.n - x.e.Count)),
                Missing: found.Where(x => x.n < x.e.Count).Select(x => $"{x.e.Set} {x.e.Key}").ToList());
        }).OrderBy(f => f.Channel, StringComparer.Ordinal).ThenBy(f => f.Flow).ToList();
        var known = expected.Select(e => (e.Set, e.Key)).ToHashSet();
        var stray = snapshot.Sets.Where(s => DocumentSets.Contains(s.Key))
            .Sum(s => s.Value.Where(k => k.Value > 1 && !known.Contains((s.Key, k.Key))).Sum(k => k.Value - 1));
        return new DemoTally(flows, stray);
    }
}
