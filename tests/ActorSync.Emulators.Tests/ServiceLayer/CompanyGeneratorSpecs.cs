using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class CompanyGeneratorSpecs
{
    private static string Fingerprint(CompanyData company) => string.Join('|', company.Items.Select(item =>
        string.Join(',', item.ItemCode, item.Kind, item.RetailPrice, item.SalesVatGroup,
            string.Join(';', CompanyCatalog.WarehouseCodes.Select(w => company.GetStock(item.ItemCode, w))),
            string.Join(';', CompanyCatalog.SellableWarehouses.SelectMany(w => company.GetBatches(item.ItemCode, w)).Select(b => $"{b.BatchNumber}:{b.Quantity}:{b.ExpiryDate}")),
            string.Join(';', CompanyCatalog.SellableWarehouses.SelectMany(w => company.GetSerials(item.ItemCode, w))))));

    [Fact]
    public void Same_seed_generates_the_same_company()
    {
        var first = new CompanyData(new CompanySpec { Seed = 7, Items = 120 });
        var second = new CompanyData(new CompanySpec { Seed = 7, Items = 120 });
        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void Different_seed_changes_quantities_but_not_codes_or_kinds()
    {
        var first = new CompanyData(new CompanySpec { Seed = 1, Items = 120 });
        var second = new CompanyData(new CompanySpec { Seed = 2, Items = 120 });
        Assert.NotEqual(Fingerprint(first), Fingerprint(second));
        Assert.Equal(first.Items.Select(i => (i.ItemCode, i.Kind)), second.Items.Select(i => (i.ItemCode, i.Kind)));
    }

    [Fact]
    public void Fixed_master_data_exists_regardless_of_seed()
    {
        var company = new CompanyData(new CompanySpec { Seed = 99, Items = 30, Customers = 3 });
        Assert.Equal(["01", "02", "03", "QC", "DMG"], company.Warehouses.Select(w => w.WarehouseCode));
        Assert.Equal([true, true, true, false, false], company.Warehouses.Select(w => w.Nettable));
        Assert.Equal(20m, company.FindVatGroup("O1")!.Rate);
        Assert.Equal(5m, company.FindVatGroup("O2")!.Rate);
        Assert.Equal(0m, company.FindVatGroup("O0")!.Rate);
        Assert.Equal(["Standard", "Express", "Click & Collect", "Freight"], company.ShippingTypes.Select(s => s.Name));
        foreach (var account in new[] { "161000", "161010", "161020", "100000", "500000" })
        {
            Assert.NotNull(company.FindAccount(account));
        }

        Assert.NotNull(company.FindExpenseType(CompanyCatalog.ExpenseFreight));
        Assert.Equal(["C00001", "C00002", "C00003"], company.Customers);
        Assert.True(company.FindBusinessPartner("WEBGUEST")!.IsActive);
        Assert.True(company.FindBusinessPartner("POSGUEST")!.IsActive);
        Assert.False(company.FindBusinessPartner(CompanyCatalog.InactiveCustomer)!.IsActive);
        Assert.Equal("customer2@example.com", company.FindBusinessPartner("C00002")!.EmailAddress);
    }

    [Fact]
    public void Item_codes_are_zero_padded_to_fit_the_count()
    {
        Assert.Equal("ITM00001", new CompanyData(new CompanySpec { Items = 3 }).Items[0].ItemCode);
        Assert.Equal("ITM000001", new CompanyData(new CompanySpec { Items = 100_000 }).Items[0].ItemCode);
    }

    [Fact]
    public void Item_kinds_follow_the_documented_pattern_and_carry_their_lots()
    {
        var company = new CompanyData(new CompanySpec { Items = 40 });
        Assert.Equal(ItemKind.BatchManaged, company.FindItem("ITM00003")!.Kind);
        Assert.Equal(ItemKind.SerialManaged, company.FindItem("ITM00006")!.Kind);
        Assert.False(company.FindItem("ITM00009")!.Valid);
        Assert.True(company.FindItem("ITM00012")!.Frozen);
        Assert.Equal(32, company.Items.Count(i => i.Kind == ItemKind.Plain));

        var batchItem = company.FirstItems(ItemKind.BatchManaged, 1)[0];
        foreach (var warehouse in CompanyCatalog.SellableWarehouses)
        {
            var batches = company.GetBatches(batchItem.ItemCode, warehouse);
            Assert.InRange(batches.Count, 1, 3);
            Assert.All(batches, b => Assert.NotNull(b.ExpiryDate));
            Assert.Equal(batches.Sum(b => b.Quantity), company.GetStock(batchItem.ItemCode, warehouse).InStock);
        }

        var serialItem = company.FirstItems(ItemKind.SerialManaged, 1)[0];
        Assert.NotEmpty(company.GetSerials(serialItem.ItemCode, "01"));
        Assert.Equal(company.GetSerials(serialItem.ItemCode, "01").Count, company.GetStock(serialItem.ItemCode, "01").InStock);
    }

    [Fact]
    public void Every_other_batch_item_has_one_expired_batch_in_the_main_warehouse()
    {
        var company = new CompanyData(new CompanySpec { Items = 70 });
        var expired = company.FirstItems(ItemKind.BatchManaged, 4)
            .Select(i => (i.ItemCode, Expired: company.GetBatches(i.ItemCode, "01").Count(b => b.ExpiryDate < company.Spec.BaseDate)))
            .ToList();
        Assert.Equal([("ITM00003", 0), ("ITM00023", 1), ("ITM00043", 0), ("ITM00063", 1)], expired);
        Assert.All(CompanyCatalog.SellableWarehouses.SelectMany(w => company.GetBatches("ITM00043", w)),
            b => Assert.True(b.ExpiryDate > new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Plain_items_have_stock_between_0_and_500_in_sellable_warehouses()
    {
        var company = new CompanyData(new CompanySpec { Items = 200 });
        var levels = company.Items.Where(i => i.Kind == ItemKind.Plain)
            .SelectMany(i => CompanyCatalog.SellableWarehouses.Select(w => company.GetStock(i.ItemCode, w).InStock)).ToList();
        Assert.All(levels, level => Assert.InRange(level, 0m, 500m));
        Assert.True(levels.Distinct().Count() > 50, "quantities should vary");
        Assert.True(company.FirstPlainActiveItemsWithStock(5, 100).Count == 5);
    }

    /// <summary>The scale the stock and growth scenarios need; how long it takes is a benchmark's business, not a test's.</summary>
    [Fact]
    public void A_million_items_generate_with_their_stock()
    {
        var company = new CompanyData(new CompanySpec { Items = 1_000_000, Customers = 1000 });
        Assert.Equal(1_000_000, company.Items.Count);
        Assert.Equal("ITM1000000", company.Items[^1].ItemCode);
        Assert.NotNull(company.FindItem("ITM0500000"));
        Assert.True(company.GetStock("ITM0999999", "02").InStock >= 0);
    }
}
