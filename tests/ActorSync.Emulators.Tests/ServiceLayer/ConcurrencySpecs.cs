using System.Diagnostics;
using System.Net;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class ConcurrencySpecs
{
    [Fact]
    public async Task Concurrent_writers_and_readers_keep_the_company_consistent()
    {
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions
        {
            Company = o.Company, Capacity = ActorSync.Emulators.ServiceLayer.Capacity.CapacityOptions.Off with { LockWaitTimeout = TimeSpan.FromSeconds(10) },
        }));
        using var http = await Emulators.LoggedInAsync(emulator);
        var items = emulator.Company.FirstPlainActiveItems(4).Select(i => i.ItemCode).ToList();
        var before = items.ToDictionary(i => i, i => emulator.Company.GetStock(i, "01"));

        var writes = Enumerable.Range(0, 60).Select(n => http.PostAsync(n % 3 == 0 ? "Invoices" : "Orders",
            $$"""{"CardCode":"C00001","NumAtCard":"N{{n % 7}}","DocumentLines":[{"ItemCode":"{{items[n % 4]}}","Quantity":1},{"ItemCode":"{{items[(n + 1) % 4]}}","Quantity":2}]}"""));
        var reads = Enumerable.Range(0, 40).Select(n => http.GetAsync(n % 2 == 0 ? "Orders?$select=DocEntry,DocTotal" : $"Items('{items[n % 4]}')"));
        var responses = await Task.WhenAll(writes.Concat(reads));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));

        var orders = emulator.Company.Orders;
        var invoices = emulator.Company.Invoices;
        Assert.Equal(Enumerable.Range(1, 40), orders.Select(o => o.DocEntry));
        Assert.Equal(Enumerable.Range(1, 20), invoices.Select(o => o.DocEntry));
        foreach (var item in items)
        {
            var committed = orders.SelectMany(o => o.Lines).Where(l => l.ItemCode == item).Sum(l => l.Quantity);
            var sold = invoices.SelectMany(o => o.Lines).Where(l => l.ItemCode == item).Sum(l => l.Quantity);
            Assert.Equal(before[item] with { Committed = before[item].Committed + committed, InStock = before[item].InStock - sold },
                emulator.Company.GetStock(item, "01"));
        }

        var stats = emulator.GetStats();
        Assert.Equal((40L, 20L), (stats.DocumentsCreated["Orders"], stats.DocumentsCreated["Invoices"]));
        Assert.Equal(40L - 7, stats.DuplicateNumAtCard["Orders"]); // 7 distinct NumAtCard values per set
    }

    [Fact]
    public async Task Start_up_is_well_under_a_second_and_disposal_stops_listening()
    {
        await (await ServiceLayerEmulator.StartAsync()).DisposeAsync(); // warm-up (JIT)
        var stopwatch = Stopwatch.StartNew();
        var emulator = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 500 } });
        stopwatch.Stop();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"start-up took {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal("127.0.0.1", emulator.BaseAddress.Host);
        Assert.NotEqual(0, emulator.BaseAddress.Port);
        using (var http = await Emulators.LoggedInAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Items")).StatusCode);
        }

        await emulator.DisposeAsync();
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("__emulator/stats")); // nothing listens any more
    }
}
