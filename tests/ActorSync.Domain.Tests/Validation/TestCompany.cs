using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Validation;

/// <summary>
/// A small company in the emulated company's codes (warehouses 01/02/03 sellable, QC/DMG not; VAT O1 20 %, O2 5 %,
/// O0 0 %; shipping 1–4; the G/L accounts; WEBGUEST/POSGUEST) and a mapping that fits it.
/// </summary>
internal static class TestCompany
{
    public static readonly DateOnly Today = new(2030, 1, 15);

    /// <summary>
    /// ITM00003 has two batches in 01 whose expiry order and admission order differ: FEFO takes B (expires first),
    /// FIFO takes A (arrived first). ITM00023's older batch has expired.
    /// </summary>
    public static MasterDataSnapshot Snapshot() => new()
    {
        AsOf = Today,
        Warehouses = new[]
        {
            new WarehouseMasterData("01"), new WarehouseMasterData("02"), new WarehouseMasterData("03"),
            new WarehouseMasterData("QC", Nettable: false), new WarehouseMasterData("DMG", Nettable: false), new WarehouseMasterData("OLD", Active: false),
        }.ToImmutableDictionary(w => w.Code),
        VatGroups = new[] { new VatGroupMasterData("O1", 20), new VatGroupMasterData("O2", 5), new VatGroupMasterData("O0", 0), new VatGroupMasterData("OX", 20, Active: false) }
            .ToImmutableDictionary(v => v.Code),
        ShippingTypes = new Dictionary<int, string> { [1] = "Standard", [2] = "Express", [3] = "Click & Collect", [4] = "Freight" }.ToImmutableDictionary(),
        GlAccounts = ["161000", "161010", "161020", "100000", "500000"],
        BusinessPartners = new[]
        {
            new BusinessPartnerMasterData("C00001", EmailAddress: "customer1@example.com") { ChannelCustomerIds = ImmutableDictionary<string, string>.Empty.Add("magento", "101") },
            new BusinessPartnerMasterData("WEBGUEST"), new BusinessPartnerMasterData("POSGUEST"),
            new BusinessPartnerMasterData("CINACTIVE", Active: false, EmailAddress: "gone@example.com"),
            new BusinessPartnerMasterData("V00001", IsCustomer: false, EmailAddress: "supplier@example.com"),
        }.ToImmutableDictionary(b => b.CardCode),
        Items = new[]
        {
            new ItemMasterData("ITM00001") { Stock = Stock(("01", 120), ("02", 35)) },
            new ItemMasterData("ITM00002") { Stock = Stock(("01", 3), ("02", 8)) },
            new ItemMasterData("ITM00003", BatchManaged: true)
            {
                Stock = ImmutableDictionary<string, WarehouseStock>.Empty
                    .Add("01", new WarehouseStock(25)
                    {
                        Batches =
                        [
                            new BatchStock("B-0003-A", 10, new DateOnly(2030, 6, 30), new DateOnly(2029, 11, 1)),
                            new BatchStock("B-0003-B", 15, new DateOnly(2030, 3, 31), new DateOnly(2029, 12, 15)),
                        ],
                    })
                    .Add("02", new WarehouseStock(5) { Batches = [new BatchStock("B-0003-C", 5, new DateOnly(2031, 1, 31), new DateOnly(2029, 10, 1))] }),
            },
            new ItemMasterData("ITM00006", SerialManaged: true)
            {
                Stock = ImmutableDictionary<string, WarehouseStock>.Empty
                    .Add("01", new WarehouseStock(3)
                    {
                        Serials =
                        [
                            new SerialStock("SN-3", new DateOnly(2029, 11, 1)), new SerialStock("SN-1", new DateOnly(2029, 9, 1)),
                            new SerialStock("SN-2", new DateOnly(2029, 10, 1)),
                        ],
                    })
                    .Add("02", new WarehouseStock(1) { Serials = [new SerialStock("SN-4", new DateOnly(2029, 12, 1))] }),
            },
            new ItemMasterData("ITM00009", Active: false) { Stock = Stock(("01", 40)) },
            new ItemMasterData("ITM00012", Frozen: true) { Stock = Stock(("01", 12)) },
            new ItemMasterData("ITM00023", BatchManaged: true)
            {
                Stock = ImmutableDictionary<string, WarehouseStock>.Empty.Add("01", new WarehouseStock(24)
                {
                    Batches =
                    [
                        new BatchStock("B-0023-OLD", 20, new DateOnly(2029, 12, 1), new DateOnly(2029, 6, 1)),
                        new BatchStock("B-0023-NEW", 4, new DateOnly(2031, 5, 1), new DateOnly(2029, 12, 20)),
                    ],
                }),
            },
        }.ToImmutableDictionary(i => i.ItemCode),
    };

    private static ImmutableDictionary<string, WarehouseStock> Stock(params (string Warehouse, decimal InStock)[] rows) =>
        rows.ToImmutableDictionary(r => r.Warehouse, r => new WarehouseStock(r.InStock));

    /// <summary>A valid mapping section for the company, as configuration would bind it.</summary>
    public static MappingSettings Settings() => new()
    {
        DefaultWarehouse = "01",
        Channels = new(StringComparer.OrdinalIgnoreCase)
        {
            ["magento"] = new() { GuestBusinessPartner = "WEBGUEST", CustomerMatching = "Email", DefaultWarehouse = "01" },
            ["bigcommerce"] = new() { GuestBusinessPartner = "WEBGUEST", CustomerMatching = "ChannelCustomerId" },
            ["sitoo"] = new()
            {
                GuestBusinessPartner = "POSGUEST", CustomerMatching = "Email", DefaultWarehouse = "02",
                Locations = new(StringComparer.OrdinalIgnoreCase)
                {
                    ["1"] = new() { Warehouse = "02", SellableWarehouses = ["02"], SafetyBuffer = "0" },
                    ["2"] = new() { Warehouse = "03", SellableWarehouses = ["03"], SafetyBuffer = "1" },
                },
            },
            ["wms"] = new()
            {
                Locations = new(StringComparer.OrdinalIgnoreCase)
                {
                    ["MAIN"] = new() { Warehouse = "01", SellableWarehouses = ["01"] },
                    ["MAIN-B"] = new() { Warehouse = "01" },
                    ["STORE"] = new() { Warehouse = "02", SellableWarehouses = ["02"] },
                    ["OUTLET"] = new() { Warehouse = "03" },
                    ["QUARANTINE"] = new() { Warehouse = "QC" },
                },
            },
        },
        VatGroups = new(StringComparer.OrdinalIgnoreCase) { ["20"] = "O1", ["5"] = "O2", ["0"] = "O0", ["25"] = "O1" },
        ShippingTypes = new(StringComparer.OrdinalIgnoreCase) { ["flatrate_flatrate"] = "1", ["express"] = "2" },
        PaymentMethods = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Cash"] = new() { Account = "100000", Kind = "Cash" },
            ["Card"] = new() { Account = "161010", Kind = "Transfer" },
            ["Swish"] = new() { Account = "161000", Kind = "Transfer" },
        },
        Returns = new() { RestockWarehouse = "01", WriteOffWarehouse = "DMG", WriteOffReasonCodes = ["DAMAGED"] },
    };

    public static OrderMapping Mapping(BatchAllocationStrategy strategy = BatchAllocationStrategy.Fefo) =>
        Settings().ToOrderMapping() with { BatchAllocation = strategy };
}
