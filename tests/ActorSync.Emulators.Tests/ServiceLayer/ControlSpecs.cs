using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Control;
using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class ControlSpecs
{
    [Fact]
    public async Task Stats_have_exactly_the_documented_shape_and_counts()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        await http.GetAsync("Items");
        await http.GetAsync($"Items('{item}')");
        await http.PostAsync("Orders", $$"""{"CardCode":"C00001","DocumentLines":[{"ItemCode":"{{item}}","Quantity":1}]}""");
        await http.PostAsync("Orders(1)/Close", "");
        await http.PostAsync("Orders", """{"CardCode":"C00001","DocumentLines":[{"ItemCode":"NOPE","Quantity":1}]}""");

        using var control = new HttpClient { BaseAddress = emulator.BaseAddress };
        var json = await control.GetStringAsync("__emulator/stats");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["requests", "batches", "batchChangesets", "documentsCreated", "duplicateNumAtCard", "lockConflicts", "sessions", "rejections", "people"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["active", "peak", "logins", "expired"], root.GetProperty("sessions").EnumerateObject().Select(p => p.Name));

        var stats = EmulatorStats.FromJson(json);
        Assert.Equal(new Dictionary<string, long> { ["GET Items"] = 2, ["POST Login"] = 1, ["POST Orders"] = 2, ["POST Orders/Close"] = 1 },
            stats.Requests.ToDictionary());
        Assert.Equal(1L, stats.DocumentsCreated["Orders"]);
        Assert.Equal(0L, stats.DocumentsCreated["Invoices"]);
        Assert.Equal(0L, stats.DuplicateNumAtCard["Orders"]);
        Assert.Equal(1L, stats.Rejections["-2028"]);
        Assert.Equal(new SessionStats(1, 1, 1, 0), stats.Sessions);
        Assert.Equal(emulator.GetStats().ToJson(), json);
    }

    [Fact]
    public async Task Reset_restores_the_generated_company_and_clears_everything()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var generated = emulator.Company.GetStock(item, "01");
        await http.PostAsync("Invoices", $$"""{"CardCode":"C00001","DocumentLines":[{"ItemCode":"{{item}}","Quantity":2}]}""");
        await http.PostAsync("BusinessPartners", """{"CardCode":"NEW-1","CardName":"x"}""");
        await http.PatchAsync($"Items('{item}')", """{"ItemName":"renamed"}""");
        emulator.ApplyFaults(new FaultSettings { LatencyMs = 2000, UserLocks = [new UserLockFault(item, "01", 60000)] });
        Assert.NotEqual(generated, emulator.Company.GetStock(item, "01"));

        using var control = new HttpClient { BaseAddress = emulator.BaseAddress };
        Assert.Equal(HttpStatusCode.NoContent, (await control.PostAsync("__emulator/reset", null)).StatusCode);

        Assert.Equal(generated, emulator.Company.GetStock(item, "01"));
        Assert.Empty(emulator.Company.Invoices);
        Assert.Null(emulator.Company.FindBusinessPartner("NEW-1"));
        Assert.NotEqual("renamed", emulator.Company.FindItem(item)!.ItemName);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("Items")).StatusCode); // sessions dropped
        var stats = emulator.GetStats();
        Assert.Equal((0L, 0L, 0), (stats.DocumentsCreated["Invoices"], stats.Sessions.Logins, stats.Sessions.Active));

        await http.LoginAsync();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", $$"""{"CardCode":"C00001","DocumentLines":[{"ItemCode":"{{item}}","Quantity":1}]}""")).StatusCode);
        Assert.True(stopwatch.ElapsedMilliseconds < 1500, "latency and the user lock were cleared");
        Assert.Equal(1, emulator.Company.Orders[0].DocEntry);
    }
}
