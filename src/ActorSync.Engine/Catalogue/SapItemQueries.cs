using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorSync.Domain.Catalogue;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.Catalogue;

/// <summary>
/// The Service Layer reads behind the catalogue (service-layer.md §8 Item, "Changed since"): items with only what a
/// channel's product needs (<see cref="Select"/>), by code for the first full read and by <c>UpdateDate</c>,
/// <c>UpdateTime</c>, <c>ItemCode</c> for changes since; and the VAT groups' current rates.
/// </summary>
public sealed class SapItemQueries(ServiceLayerClient client)
{
    private const string Select = "$select=ItemCode,ItemName,ItemPrices,SalesVATGroup,Valid,ValidFrom,ValidTo,Frozen,FrozenFrom,FrozenTo,UpdateDate,UpdateTime";

    /// <summary>SAP's newest item stamp (where changes are read from once the first full read ends); null with no items.</summary>
    public async Task<DateTime?> LatestStampAsync(CancellationToken ct)
    {
        await foreach (var row in client.QueryAsync("Items?$select=ItemCode,UpdateDate,UpdateTime&$orderby=UpdateDate desc,UpdateTime desc&$top=1", ct).ConfigureAwait(false))
            return Stamp(row);
        return null;
    }

    /// <summary>The next page of the full read: up to <paramref name="count"/> items after <paramref name="after"/>, by code.</summary>
    public Task<ImmutableList<SapItem>> FullPageAsync(string? after, int count, CancellationToken ct)
    {
        var filter = after is null ? "" : "&$filter=" + Uri.EscapeDataString($"ItemCode gt '{Quote(after)}'");
        return ReadAsync($"Items?{Select}{filter}&$orderby=ItemCode&$top={count}", ct);
    }

    /// <summary>
    /// Up to <paramref name="count"/> items changed after (<paramref name="through"/>, <paramref name="lastCode"/>): the
    /// reference's changed-since filter, with the code breaking ties inside a second.
    /// </summary>
    public Task<ImmutableList<SapItem>> ChangedAsync(DateTime through, string lastCode, int count, CancellationToken ct)
    {
        var date = through.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = through.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var filter = $"UpdateDate gt '{date}' or (UpdateDate eq '{date}' and (UpdateTime gt '{time}' or (UpdateTime eq '{time}' and ItemCode gt '{Quote(lastCode)}')))";
        return ReadAsync($"Items?{Select}&$filter={Uri.EscapeDataString(filter)}&$orderby=UpdateDate,UpdateTime,ItemCode&$top={count}", ct);
    }

    /// <summary>Each VAT group's rate on <paramref name="today"/> (its latest <c>VatGroups_Lines</c> row in effect).</summary>
    public async Task<VatRates> VatRatesAsync(DateOnly today, CancellationToken ct)
    {
        var rates = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in client.QueryAsync("VatGroups?$select=Code,VatGroups_Lines", ct).ConfigureAwait(false))
        {
            if (row.GetProperty("Code").GetString() is not { Length: > 0 } code || !row.TryGetProperty("VatGroups_Lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
                continue;
            var best = (From: DateOnly.MinValue, Rate: (decimal?)null);
            foreach (var line in lines.EnumerateArray())
            {
                var from = Date(line, "Effectivefrom") ?? DateOnly.MinValue;
                if (from <= today && from >= best.From && line.TryGetProperty("Rate", out var rate) && rate.ValueKind == JsonValueKind.Number)
                    best = (from, rate.GetDecimal());
            }

            if (best.Rate is { } r) rates[code] = r;
        }

        return new VatRates(rates.ToImmutable());
    }

    private async Task<ImmutableList<SapItem>> ReadAsync(string path, CancellationToken ct)
    {
        var items = ImmutableList.CreateBuilder<SapItem>();
        await foreach (var row in client.QueryAsync(path, ct).ConfigureAwait(false))
            items.Add(Item(row));
        return items.ToImmutable();
    }

    internal static SapItem Item(JsonElement row)
    {
        var prices = ImmutableDictionary.CreateBuilder<int, decimal?>();
        if (row.TryGetProperty("ItemPrices", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var price in list.EnumerateArray())
            {
                if (price.TryGetProperty("PriceList", out var number) && number.ValueKind == JsonValueKind.Number)
                    prices[number.GetInt32()] = price.TryGetProperty("Price", out var amount) && amount.ValueKind == JsonValueKind.Number ? amount.GetDecimal() : null;
            }
        }

        return new SapItem(
            row.GetProperty("ItemCode").GetString() ?? "",
            Text(row, "ItemName") ?? "",
            prices.ToImmutable(),
            Text(row, "SalesVATGroup"),
            new ItemPeriod(YesNo(row, "Valid", true), Date(row, "ValidFrom"), Date(row, "ValidTo")),
            new ItemPeriod(YesNo(row, "Frozen", false), Date(row, "FrozenFrom"), Date(row, "FrozenTo")),
            Stamp(row) ?? DateTime.MinValue);
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool YesNo(JsonElement row, string name, bool absent) => Text(row, name) is { } text ? text == "tYES" : absent;

    /// <summary>v1 dates "2026-05-01", v2 "2026-05-01T00:00:00Z".</summary>
    private static DateOnly? Date(JsonElement row, string name) =>
        Text(row, name) is { Length: >= 10 } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static DateTime? Stamp(JsonElement row)
    {
        if (Date(row, "UpdateDate") is not { } day) return null;
        var at = Text(row, "UpdateTime") is { Length: >= 5 } time && TimeSpan.TryParse(time, CultureInfo.InvariantCulture, out var t) ? t : TimeSpan.Zero;
        return day.ToDateTime(TimeOnly.MinValue) + at;
    }

    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
