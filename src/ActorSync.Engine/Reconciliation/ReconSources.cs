using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorSync.Domain.Reconciliation;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.Reconciliation;

/// <summary>
/// One channel's side of some flows, compared with SAP's: it reads both and gives one <see cref="SourceResult"/> per
/// flow asked. Throwing is allowed: the run records each flow as not checked with the message.
/// </summary>
public interface IReconSource
{
    /// <summary>The channel: <c>magento</c>, <c>bigcommerce</c>, <c>sitoo</c>.</summary>
    string Name { get; }

    IReadOnlyList<ReconFlow> Flows { get; }

    Task<IReadOnlyList<SourceResult>> ReadAsync(IReadOnlyList<ReconFlow> flows, ReconWindow window, CancellationToken ct);
}

/// <summary>The sources the engine has configured (from the connectors and stock publishing settings).</summary>
public sealed class ReconSources(IReadOnlyList<IReconSource> sources)
{
    public IReadOnlyList<IReconSource> All => sources;

    /// <summary>Every source/flow pair, as the run waits for them (<c>magento/orders</c>).</summary>
    public ImmutableList<string> Units => sources.SelectMany(s => s.Flows.Select(f => ReconFindingKinds.Unit(s.Name, f))).Distinct().ToImmutableList();
}

/// <summary>A channel read that could not finish (outage, quota, refused credentials): the flows it serves are not checked.</summary>
public sealed class SourceUnavailableException(string reason) : Exception(reason);

/// <summary>
/// Reads one channel at the reconciliation's own pace (<see cref="ReconciliationSettings.RequestsPerSecond"/>), waiting
/// out a 429 when the channel says how long (up to <see cref="ReconciliationSettings.MaxQuotaWait"/>, three times);
/// anything else that stops it becomes <see cref="SourceUnavailableException"/>.
/// </summary>
public sealed class PacedReader(Func<string, CancellationToken, Task<string>> get, ReconciliationSettings settings, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public int Requests { get; private set; }

    public async Task<string> GetAsync(string path, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var wait = _next - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, ct).ConfigureAwait(false);
            _next = _clock.GetUtcNow() + TimeSpan.FromSeconds(1 / settings.RequestsPerSecond);
            Requests++;
            TimeSpan? after;
            string reason;
            try
            {
                return await get(path, ct).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex) { (after, reason) = (ex.After, ex.Message); }
            catch (SitooUnavailableException ex) { (after, reason) = (ex.After, ex.Message); }
            catch (StoreRefusedException ex) { throw new SourceUnavailableException(ex.Message); }
            catch (SitooRefusedException ex) { throw new SourceUnavailableException(ex.Message); }

            var quota = reason.Contains("429", StringComparison.Ordinal);
            if (!quota || after is not { } reset || reset > settings.MaxQuotaWait || attempt >= 3)
                throw new SourceUnavailableException(quota ? $"quota: {reason}" : reason);
            await Task.Delay(reset, _clock, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>SAP's side: marketing documents and incoming payments of the window, paged, only the fields compared.</summary>
public sealed class SapReconReads(ServiceLayerClient sap)
{
    /// <summary>Documents of <paramref name="entitySet"/> from <paramref name="from"/> whose NumAtCard starts with <paramref name="prefix"/> (<c>MAGENTO-</c>).</summary>
    public async Task<IReadOnlyList<SapDocumentSeen>> DocumentsAsync(string entitySet, string prefix, DateOnly from, CancellationToken ct)
    {
        var filter = Uri.EscapeDataString($"DocDate ge '{from:yyyy-MM-dd}' and startswith(NumAtCard,'{prefix.Replace("'", "''", StringComparison.Ordinal)}')");
        var rows = new List<SapDocumentSeen>();
        await foreach (var row in sap.QueryAsync($"{entitySet}?$select=DocEntry,NumAtCard,DocDate,Cancelled,DocTotal&$filter={filter}&$orderby=DocEntry", ct).ConfigureAwait(false))
        {
            if (Text(row, "NumAtCard") is not { } numAtCard) continue;
            rows.Add(new SapDocumentSeen(entitySet, row.GetProperty("DocEntry").GetInt32(), numAtCard, Day(row, "DocDate"), Text(row, "Cancelled") == "tYES", Number(row, "DocTotal")));
        }
        return rows;
    }

    /// <summary>Incoming payments from <paramref name="from"/>: their Remarks and amount (cash plus transfer).</summary>
    public async Task<IReadOnlyList<SapPaymentSeen>> IncomingPaymentsAsync(DateOnly from, CancellationToken ct)
    {
        var filter = Uri.EscapeDataString($"DocDate ge '{from:yyyy-MM-dd}'");
        var rows = new List<SapPaymentSeen>();
        await foreach (var row in sap.QueryAsync($"IncomingPayments?$select=DocEntry,Remarks,CashSum,TransferSum,Cancelled&$filter={filter}&$orderby=DocEntry", ct).ConfigureAwait(false))
            rows.Add(new SapPaymentSeen(row.GetProperty("DocEntry").GetInt32(), Text(row, "Remarks") ?? "", Number(row, "CashSum") + Number(row, "TransferSum"), Text(row, "Cancelled") == "tYES"));
        return rows;
    }

    internal static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static decimal Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal()
        : value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;

    private static DateOnly Day(JsonElement row, string name) => DateOnly.ParseExact((Text(row, name) ?? "0001-01-01")[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
