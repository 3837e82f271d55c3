using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Reconciliation;

/// <summary>What a reconciliation run compares; an operator may ask for one flow (<c>recon run --flow refunds</c>). Journaled by name, the first member left out as the default: never reorder.</summary>
public enum ReconFlow { Orders, Refunds, Dispatches, Pos, Stock }

/// <summary>Each kind of drift a run can find. Every kind is an exception type with an owner (<see cref="ReconFindingKinds"/>).</summary>
public enum FindingKind
{
    /// <summary>A channel order that should be in SAP (paid, not cancelled, older than the grace) has no sales order.</summary>
    OrderMissingInSap,
    /// <summary>An SAP sales order whose NumAtCard names a channel order the channel does not have.</summary>
    SapOrderUnknownToChannel,
    /// <summary>A refund the channel made has no credit note in SAP.</summary>
    RefundWithoutCreditNote,
    /// <summary>A shipment the channel shows has no SAP delivery.</summary>
    DispatchWithoutDelivery,
    /// <summary>A shipment whose delivery is in SAP has no invoice.</summary>
    DispatchWithoutInvoice,
    /// <summary>A store's takings of a day with one payment method (or its receipts' total) differ from SAP's payments (or invoices).</summary>
    PosTakingsDiffer,
    /// <summary>A channel location shows more than SAP allows it to sell, beyond the threshold: it can oversell.</summary>
    StockAboveSap,
    /// <summary>A channel location shows less than SAP allows, beyond the threshold: sales are lost.</summary>
    StockBelowSap,
}

/// <summary>
/// One difference a run found. <see cref="Key"/> names the finding across runs (the same drift found again has the same
/// key), so it raises one exception and is resolved when a later run no longer finds it.
/// </summary>
/// <param name="Source">The channel it was read from (<c>magento</c>, <c>bigcommerce</c>, <c>sitoo</c>).</param>
/// <param name="Subject">The record as people name it: <c>magento:000000123</c>, <c>MAGENTO-000000123/R45</c>, <c>sitoo store 1 2026-12-01 Card</c>.</param>
public sealed record ReconFinding(FindingKind Kind, string Key, string Source, string Subject, string Detail, decimal? ChannelValue = null, decimal? SapValue = null)
{
    public ReconFlow Flow => ReconFindingKinds.FlowOf(Kind);
}

/// <summary>
/// What one source gave for one flow: checked (how many records were compared, what was found) or not, and why.
/// <paramref name="Omitted"/>: findings beyond the cap that were not kept (<see cref="Capped"/>).
/// </summary>
public sealed record SourceResult(string Source, ReconFlow Flow, bool Checked, int Compared, ImmutableList<ReconFinding> Findings, string? NotChecked = null, int Omitted = 0)
{
    /// <summary>
    /// At most <paramref name="max"/> findings kept (a channel whose whole catalogue drifted must not write one journal
    /// row and one exception per SKU); the rest counted. A capped result clears nothing: what it left out may still hold.
    /// </summary>
    public SourceResult Capped(int max) => Findings.Count <= max ? this : this with { Findings = Findings.Take(max).ToImmutableList(), Omitted = Omitted + Findings.Count - max };

    public static SourceResult Clean(string source, ReconFlow flow, int compared, IEnumerable<ReconFinding> findings) =>
        new(source, flow, true, compared, findings.Where(f => f.Flow == flow).ToImmutableList());

    /// <summary>Never reported as clean: an unreachable channel, a quota that ran out, a source not configured.</summary>
    public static SourceResult Unchecked(string source, ReconFlow flow, string reason) => new(source, flow, false, 0, [], reason);

    public string Unit => ReconFindingKinds.Unit(Source, Flow);
}

/// <summary>Each finding kind's exception type, owner and next step, and the flow it belongs to.</summary>
public static class ReconFindingKinds
{
    public const string RecordKind = "recon-finding";

    public static string Unit(string source, ReconFlow flow) => $"{source}/{Name(flow)}";

    public static string Name(ReconFlow flow) => flow.ToString().ToLowerInvariant();

    public static ReconFlow? ParseFlow(string? text) =>
        Enum.TryParse<ReconFlow>(text, ignoreCase: true, out var flow) && Enum.IsDefined(flow) && !int.TryParse(text, out _) ? flow : null;

    public static ReconFlow FlowOf(FindingKind kind) => kind switch
    {
        FindingKind.OrderMissingInSap or FindingKind.SapOrderUnknownToChannel => ReconFlow.Orders,
        FindingKind.RefundWithoutCreditNote => ReconFlow.Refunds,
        FindingKind.DispatchWithoutDelivery or FindingKind.DispatchWithoutInvoice => ReconFlow.Dispatches,
        FindingKind.PosTakingsDiffer => ReconFlow.Pos,
        _ => ReconFlow.Stock,
    };

    /// <summary>The flow a finding key belongs to (keys start with what was found: <c>order-missing:</c>, <c>pos:</c>, <c>stock:</c>); null for any other text.</summary>
    public static ReconFlow? FlowOfKey(string key) => key.Split(':', 2)[0] switch
    {
        "order-missing" or "sap-order-unknown" => ReconFlow.Orders,
        "refund-no-credit-note" => ReconFlow.Refunds,
        "dispatch-no-delivery" or "dispatch-no-invoice" => ReconFlow.Dispatches,
        "pos" => ReconFlow.Pos,
        "stock" => ReconFlow.Stock,
        _ => null,
    };

    public static ExceptionDetails Exception(ReconFinding finding) => ExceptionTypes.ReconFinding(finding.Kind).Raise(finding.Detail);
}
