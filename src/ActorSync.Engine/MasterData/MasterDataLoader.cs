using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Validation;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.MasterData;

/// <summary>What the engine checks orders against, read from SAP through the Service Layer client.</summary>
public sealed class MasterDataLoader(ServiceLayerClient client)
{
    public async Task<MasterDataSnapshot> LoadAsync(CancellationToken ct = default)
    {
        var items = ImmutableDictionary.CreateBuilder<string, ItemMasterData>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("Items?$select=ItemCode,Valid,Frozen,ManageBatchNumbers,ManageSerialNumbers", ct).ConfigureAwait(false))
        {
            var code = Text(row, "ItemCode");
            items[code] = new ItemMasterData(code, Active: Yes(row, "Valid", true), Frozen: Yes(row, "Frozen", false),
                BatchManaged: Yes(row, "ManageBatchNumbers", false), SerialManaged: Yes(row, "ManageSerialNumbers", false));
        }

        var partners = ImmutableDictionary.CreateBuilder<string, BusinessPartnerMasterData>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("BusinessPartners?$select=CardCode,CardType,Valid,Frozen,EmailAddress,Currency,BPAddresses", ct).ConfigureAwait(false))
        {
            var code = Text(row, "CardCode");
            partners[code] = new BusinessPartnerMasterData(code, Active: Yes(row, "Valid", true) && !Yes(row, "Frozen", false),
                EmailAddress: row.TryGetProperty("EmailAddress", out var email) ? email.GetString() : null,
                IsCustomer: Text(row, "CardType") is "cCustomer" or "C",
                Currency: Text(row, "Currency") is { Length: > 0 } currency ? currency : null)
            {
                Addresses = PartnerAddresses(row),
            };
        }

        var countries = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("Countries?$select=Code,Name", ct).ConfigureAwait(false))
            countries[Text(row, "Code")] = Text(row, "Name");
        var states = ImmutableList.CreateBuilder<StateMasterData>();
        await foreach (var row in client.QueryAsync("States?$select=Code,Country,Name", ct).ConfigureAwait(false))
            states.Add(new StateMasterData(Text(row, "Country"), Text(row, "Code"), Text(row, "Name")));

        var currencies = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("Currencies?$select=Code", ct).ConfigureAwait(false))
            currencies.Add(Text(row, "Code"));
        var localCurrency = await LocalCurrencyAsync(ct).ConfigureAwait(false);

        var vatGroups = ImmutableDictionary.CreateBuilder<string, VatGroupMasterData>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("VatGroups", ct).ConfigureAwait(false))
        {
            // The rate in force is the line with the latest effective date.
            var rate = row.TryGetProperty("VatGroups_Lines", out var lines) && lines.ValueKind == JsonValueKind.Array && lines.GetArrayLength() > 0
                ? lines.EnumerateArray().OrderBy(l => l.TryGetProperty("Effectivefrom", out var d) ? d.GetString() : "").Last().GetProperty("Rate").GetDecimal()
                : 0m;
            var code = Text(row, "Code");
            vatGroups[code] = new VatGroupMasterData(code, rate, Active: !Yes(row, "Inactive", false));
        }

        var shipping = ImmutableDictionary.CreateBuilder<int, string>();
        await foreach (var row in client.QueryAsync("ShippingTypes?$select=Code,Name", ct).ConfigureAwait(false))
            shipping[row.GetProperty("Code").GetInt32()] = Text(row, "Name");

        var warehouses = ImmutableDictionary.CreateBuilder<string, WarehouseMasterData>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("Warehouses?$select=WarehouseCode,Inactive,Nettable", ct).ConfigureAwait(false))
        {
            var code = Text(row, "WarehouseCode");
            warehouses[code] = new WarehouseMasterData(code, Active: !Yes(row, "Inactive", false), Nettable: Yes(row, "Nettable", true));
        }

        var accounts = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("ChartOfAccounts?$select=Code", ct).ConfigureAwait(false))
            accounts.Add(Text(row, "Code"));

        return new MasterDataSnapshot
        {
            AsOf = DateOnly.FromDateTime(DateTime.UtcNow),
            Items = items.ToImmutable(), BusinessPartners = partners.ToImmutable(), VatGroups = vatGroups.ToImmutable(),
            ShippingTypes = shipping.ToImmutable(), Warehouses = warehouses.ToImmutable(), GlAccounts = accounts.ToImmutable(),
            LocalCurrency = localCurrency, Currencies = currencies.ToImmutable(),
            Countries = countries.ToImmutable(), States = states.ToImmutable(),
        };
    }

    /// <summary>
    /// <c>POST SBOBobService_GetLocalCurrency</c> answers <c>{"value":"EUR"}</c>. A failure fails the load like any
    /// other read: a snapshot without its local currency would leave currencies to SAP, which is safe but needlessly so.
    /// </summary>
    private async Task<string> LocalCurrencyAsync(CancellationToken ct)
    {
        var outcome = await client.InvokeAsync("SBOBobService_GetLocalCurrency", null, ct).ConfigureAwait(false);
        return outcome switch
        {
            WriteOutcome.Succeeded { Body: { } body } when body.TryGetProperty("value", out var value) && value.GetString() is { Length: > 0 } code => code,
            WriteOutcome.Rejected rejected => throw new ServiceLayerException(rejected.Error),
            _ => throw new InvalidOperationException($"SAP's local currency could not be read ({outcome})."),
        };
    }

    /// <summary>A partner's <c>BPAddresses</c>, so an order to an address it already has names it instead of repeating it.</summary>
    private static ImmutableList<SapPartnerAddress> PartnerAddresses(JsonElement row) =>
        row.TryGetProperty("BPAddresses", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => new SapPartnerAddress(Text(a, "AddressName"),
                    Text(a, "AddressType") is "bo_ShipTo" or "S" ? SapPartnerAddress.ShipTo : SapPartnerAddress.BillTo,
                    Optional(a, "Street"), Optional(a, "Block"), Optional(a, "City"), Optional(a, "ZipCode"), Optional(a, "State"), Optional(a, "Country")))
                .ToImmutableList()
            : [];

    private static string? Optional(JsonElement row, string name) => Text(row, name) is { Length: > 0 } text ? text : null;

    private static string Text(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    /// <summary>SAP's yes/no fields travel as enum member names ("tYES"/"tNO").</summary>
    private static bool Yes(JsonElement row, string name, bool fallback) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() is "tYES" or "Y" : fallback;
}

/// <summary>The snapshot entities check against: swapped whole, read without locks.</summary>
public sealed class MasterDataSnapshotHolder
{
    private volatile MasterDataSnapshot? _current;

    public MasterDataSnapshot? Current => _current;
    public DateTimeOffset? LoadedAt { get; private set; }

    public void Set(MasterDataSnapshot snapshot, DateTimeOffset at)
    {
        _current = snapshot;
        LoadedAt = at;
    }
}
