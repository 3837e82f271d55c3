using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;

namespace ActorSync.Domain.Reconciliation;

/// <summary>A till sale as the POS lists it: its store (the Sitoo warehouse), day, total and tenders.</summary>
public sealed record PosReceiptSeen(string Channel, string ReceiptId, string Store, DateOnly Day, DateTimeOffset At, decimal Total, ImmutableList<PosPayment> Payments);

/// <summary>An SAP incoming payment as read back: the <c>Remarks</c> the POS flow wrote, and its amount (<c>CashSum + TransferSum</c>).</summary>
public sealed record SapPaymentSeen(int DocEntry, string Remarks, decimal Amount, bool Cancelled = false);

/// <summary>
/// A store's takings per day against SAP, the way the POS flow posts them (<see cref="PosDocumentBuilder"/>): each
/// till sale is one A/R invoice with NumAtCard <c>SITOO-&lt;receipt&gt;</c> and one incoming payment per G/L account
/// its tenders map to, whose Remarks name the receipt and the methods (<c>sitoo POS payment 11513: Card (ActorSync)</c>).
/// So per store, day and method (methods that share an account are one group, as SAP holds them) the tenders are
/// summed against SAP's payments of those receipts, and the receipts' totals against their invoices' totals. A
/// difference names the receipts behind it. Returns are not compared (credit notes and outgoing payments).
/// </summary>
public static partial class PosReconciliation
{
    /// <summary>A receipt's or document's difference under this is rounding, not drift.</summary>
    public const decimal Tolerance = 0.01m;

    public static SourceResult Compare(string channel, ReconWindow window, IReadOnlyList<PosReceiptSeen> receipts, IReadOnlyList<SapDocumentSeen> invoices,
        IReadOnlyList<SapPaymentSeen> payments, OrderMapping mapping)
    {
        var judged = receipts.Where(r => r.At >= window.Since && r.At <= window.Cutoff).ToList();
        var invoiceTotals = invoices.Where(i => !i.Cancelled).GroupBy(i => i.NumAtCard).ToDictionary(g => g.Key, g => g.Sum(i => i.DocTotal), StringComparer.Ordinal);
        var paid = new Dictionary<(string Receipt, string Label), decimal>();
        foreach (var payment in payments.Where(p => !p.Cancelled))
        {
            if (Parse(payment.Remarks) is not { } parsed || !string.Equals(parsed.Channel, channel, StringComparison.OrdinalIgnoreCase)) continue;
            var key = (parsed.Receipt, parsed.Label);
            paid[key] = paid.GetValueOrDefault(key) + payment.Amount;
        }

        var findings = new List<ReconFinding>();
        foreach (var day in judged.GroupBy(r => (r.Store, r.Day)).OrderBy(g => g.Key.Store, StringComparer.Ordinal).ThenBy(g => g.Key.Day))
        {
            var (store, date) = day.Key;
            // Tenders per method group, against SAP's payments of the same receipts and group.
            var byLabel = day.SelectMany(r => Groups(r, mapping).Select(g => (Receipt: r.ReceiptId, g.Label, g.Amount)))
                .GroupBy(x => x.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var label in byLabel)
            {
                var differing = label.Select(x => (x.Receipt, Till: x.Amount, Sap: paid.GetValueOrDefault((x.Receipt, label.Key))))
                    .Where(x => Math.Abs(x.Till - x.Sap) > Tolerance).ToList();
                if (differing.Count == 0) continue;
                var (till, sapSum) = (label.Sum(x => x.Amount), label.Sum(x => paid.GetValueOrDefault((x.Receipt, label.Key))));
                findings.Add(new ReconFinding(FindingKind.PosTakingsDiffer, $"pos:{channel}:{store}:{date:yyyy-MM-dd}:{label.Key}", channel,
                    $"{channel} store {store} {date:yyyy-MM-dd} {label.Key}",
                    $"{channel} store {store} took {till:0.00} by {label.Key} on {date:yyyy-MM-dd}; SAP's incoming payments of those receipts hold {sapSum:0.00} (difference {till - sapSum:0.00}). Receipts: {Receipts(differing)}.",
                    till, sapSum));
            }

            var unbilled = day.Select(r => (Receipt: r.ReceiptId, Till: r.Total, Sap: invoiceTotals.GetValueOrDefault(new OrderKey(channel, r.ReceiptId).NumAtCard)))
                .Where(x => Math.Abs(x.Till - x.Sap) > Tolerance).ToList();
            if (unbilled.Count > 0)
            {
                var (till, sapSum) = (day.Sum(r => r.Total), day.Sum(r => invoiceTotals.GetValueOrDefault(new OrderKey(channel, r.ReceiptId).NumAtCard)));
                findings.Add(new ReconFinding(FindingKind.PosTakingsDiffer, $"pos:{channel}:{store}:{date:yyyy-MM-dd}:invoices", channel,
                    $"{channel} store {store} {date:yyyy-MM-dd} invoices",
                    $"{channel} store {store} sold {till:0.00} on {date:yyyy-MM-dd}; SAP's invoices of those receipts total {sapSum:0.00} (difference {till - sapSum:0.00}). Receipts: {Receipts(unbilled)}.",
                    till, sapSum));
            }
        }

        return SourceResult.Clean(channel, ReconFlow.Pos, judged.Count, findings);
    }

    /// <summary>A receipt's tenders as SAP holds them: one group per mapped account, labelled with its methods in order (an unmapped method alone).</summary>
    public static IEnumerable<(string Label, decimal Amount)> Groups(PosReceiptSeen receipt, OrderMapping mapping)
    {
        var groups = new List<(string? Account, List<string> Methods, decimal Amount)>();
        foreach (var payment in receipt.Payments)
        {
            var account = MappingResolution.ResolvePayment(mapping, payment.Method, "").Account?.Account;
            var index = account is null ? -1 : groups.FindIndex(g => g.Account == account);
            if (index < 0)
            {
                groups.Add((account, [], 0m));
                index = groups.Count - 1;
            }
            var group = groups[index];
            if (!group.Methods.Contains(payment.Method)) group.Methods.Add(payment.Method);
            groups[index] = group with { Amount = group.Amount + payment.Amount };
        }
        return groups.Select(g => (string.Join(", ", g.Methods), g.Amount));
    }

    /// <summary>The receipt and method group of a POS payment's Remarks; null for any other payment.</summary>
    public static (string Channel, string Receipt, string Label)? Parse(string? remarks) =>
        remarks is not null && RemarksPattern().Match(remarks) is { Success: true } m ? (m.Groups["channel"].Value, m.Groups["receipt"].Value, m.Groups["label"].Value) : null;

    [GeneratedRegex(@"^(?<channel>\S+) POS payment (?<receipt>\S+): (?<label>.+) \(ActorSync\)$")]
    private static partial Regex RemarksPattern();

    private static string Receipts(IEnumerable<(string Receipt, decimal Till, decimal Sap)> rows)
    {
        var list = rows.ToList();
        var shown = string.Join(", ", list.Take(10).Select(r => $"{r.Receipt} ({r.Till:0.00} against {r.Sap:0.00})"));
        return list.Count > 10 ? $"{shown} and {list.Count - 10} more" : shown;
    }
}
