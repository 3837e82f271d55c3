using System.Globalization;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Connectors.Sitoo;

namespace ActorSync.Engine.Connectors.Sitoo;

/// <summary>A row a poll read: what the cursor makes of it (null for a row whose id cannot be read) and how it is filed.</summary>
public sealed record SitooFiledRow(PolledRow? Row, string Key, string Kind, string Json);

/// <summary>A page as read: <c>totalcount</c> (of everything matching, beyond this page too) and its rows.</summary>
public sealed record SitooPage(int TotalCount, IReadOnlyList<SitooFiledRow> Rows);

/// <summary>What one Sitoo id-cursor poll reads: orders, or warehouse transactions.</summary>
public interface ISitooPollSource
{
    /// <summary>For logs: "orders", "warehouse transactions".</summary>
    string Name { get; }

    long? ConfiguredStart { get; }

    /// <summary>Whether rows that are not final are watched and read again (orders).</summary>
    bool Watches { get; }

    Task<long?> NewestIdAsync(CancellationToken ct);

    Task<SitooPage> ReadFromAsync(long from, int num, CancellationToken ct);

    Task<SitooPage> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken ct);
}

/// <summary><c>orders.json?orderidfrom=…&amp;sort=orderid</c> (Sitoo has no modified-date filter, §3.2); held orders are watched.</summary>
public sealed class SitooOrderSource(SitooApi api, SitooConnectorSettings settings) : ISitooPollSource
{
    public string Name => "orders";

    public long? ConfiguredStart => settings.StartOrderId;

    public bool Watches => true;

    public async Task<long?> NewestIdAsync(CancellationToken ct) =>
        SitooListParser.ParseOrders(await api.GetAsync("orders.json?sort=-orderid&start=0&num=1&fields=orderid", ct).ConfigureAwait(false)).Rows.FirstOrDefault()?.OrderId;

    public async Task<SitooPage> ReadFromAsync(long from, int num, CancellationToken ct) =>
        Page(await api.GetAsync(string.Create(CultureInfo.InvariantCulture, $"orders.json?orderidfrom={from}&sort=orderid&start=0&num={num}"), ct).ConfigureAwait(false));

    public async Task<SitooPage> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken ct) =>
        Page(await api.GetAsync(string.Create(CultureInfo.InvariantCulture, $"orders.json?orderid={string.Join(',', ids)}&sort=orderid&start=0&num={ids.Count}"), ct).ConfigureAwait(false));

    private static SitooPage Page(string json)
    {
        var (total, rows) = SitooListParser.ParseOrders(json);
        return new SitooPage(total, rows.Select(r => new SitooFiledRow(
            r.OrderId is not { } id ? null : new PolledRow(id, r.Problem is null ? SitooOrderGate.ForPoll(r.OrderTypeId, r.OrderStateId, r.PaymentStateId) : PollVerdict.File),
            r.Key, SitooInboxKeys.OrderKind, r.Json)).ToList());
    }
}

/// <summary>
/// <c>warehousetransactions.json?warehousetransactionidfrom=…&amp;sort=warehousetransactionid</c> (§3.4): only
/// movements of the booked warehouses and types are filed (<see cref="SitooTransactionGate"/>).
/// </summary>
public sealed class SitooTransactionSource(SitooApi api, SitooConnectorSettings settings) : ISitooPollSource
{
    public string Name => "warehouse transactions";

    public long? ConfiguredStart => settings.StartTransactionId;

    public bool Watches => false;

    public async Task<long?> NewestIdAsync(CancellationToken ct) =>
        SitooListParser.ParseTransactions(await api.GetAsync("warehousetransactions.json?sort=-warehousetransactionid&start=0&num=1&fields=warehousetransactionid", ct).ConfigureAwait(false)).Rows.FirstOrDefault()?.TransactionId;

    public async Task<SitooPage> ReadFromAsync(long from, int num, CancellationToken ct)
    {
        var json = await api.GetAsync(string.Create(CultureInfo.InvariantCulture, $"warehousetransactions.json?warehousetransactionidfrom={from}&sort=warehousetransactionid&start=0&num={num}"), ct).ConfigureAwait(false);
        var (total, rows) = SitooListParser.ParseTransactions(json);
        return new SitooPage(total, rows.Select(r => new SitooFiledRow(
            r.TransactionId is not { } id ? null : new PolledRow(id, r.Problem is null ? SitooTransactionGate.Of(r.WarehouseId, r.TransactionType, settings.BookWarehouseTransactions).Verdict : PollVerdict.File),
            r.Key, SitooInboxKeys.TransactionKind, r.Json)).ToList());
    }

    public Task<SitooPage> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken ct) => Task.FromResult(new SitooPage(0, []));
}
