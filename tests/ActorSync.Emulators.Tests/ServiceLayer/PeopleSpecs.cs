using System.Net;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Simulated people in SAP: they take the same workers as the Service Layer's requests, and their latency shows it.</summary>
public class PeopleSpecs
{
    // 4 workers; a person's list costs 250 ms of SAP time, so at 0.02 about 5 ms.
    private static ServiceLayerEmulatorOptions Scaled() =>
        Emulators.Small(o => new ServiceLayerEmulatorOptions { Company = o.Company, Capacity = CapacityOptions.Calibrated(0.02) with { Workers = 4 } });

    [Fact]
    public async Task People_on_an_idle_SAP_wait_for_nothing_but_their_own_work()
    {
        await using var emulator = await Emulators.StartSmallAsync(Scaled());
        emulator.ApplyFaults(new FaultSettings { People = new PeopleOptions(3, ActionsPerMinute: 120) });
        await Eventually(() => emulator.GetStats().People!.All.Actions >= 60);

        var people = emulator.GetStats().People!;
        Assert.Equal(3, people.Users);
        Assert.Equal(["add-document", "open-document", "open-list"], people.ByKind.Keys);
        // An eight-line document is 640 ms of SAP time (12.8 ms here); nothing queues on four workers for three people.
        // The lower bounds allow the timer's granularity (a CI run measured 11.98 ms) and still tell a document from a list.
        Assert.InRange(people.ByKind["add-document"].P50Ms, 11.0, 60);
        Assert.InRange(people.ByKind["open-list"].P50Ms, 4.0, 40);
    }

    [Fact]
    public async Task When_the_workers_are_taken_people_queue_behind_the_integration()
    {
        await using var emulator = await Emulators.StartSmallAsync(Scaled());
        using var http = await Emulators.LoggedInAsync(emulator);
        var items = emulator.Company.FirstPlainActiveItems(8).Select(i => i.ItemCode).ToList();
        emulator.ApplyFaults(new FaultSettings { People = new PeopleOptions(2, ActionsPerMinute: 120) });
        await Eventually(() => emulator.GetStats().People!.All.Actions >= 30);
        // Medians, not p95: of some fifteen lists the p95 is the slowest one, and one pause of a loaded test machine
        // during the idle phase made it exceed the flood's (101 against 67 ms in one run). Every list during the flood
        // waits for a worker, so its median moves; a stray pause does not move a median.
        var idle = emulator.GetStats().People!.ByKind["open-list"].P50Ms;

        // Eight integration requests at a time, each a forty-line document (1.6 s of SAP time, 32 ms here): every worker busy.
        emulator.ApplyFaults(new FaultSettings { People = new PeopleOptions(2, ActionsPerMinute: 120) }); // counted afresh
        using var flooding = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var flood = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            while (!flooding.IsCancellationRequested)
            {
                var lines = string.Join(',', Enumerable.Repeat($$"""{"ItemCode":"{{items[i]}}","Quantity":1}""", 40));
                await http.PostAsync("Orders", $$"""{"CardCode":"C00001","DocumentLines":[{{lines}}]}""");
            }
        })).ToList();
        await Task.WhenAll(flood);
        var busy = emulator.GetStats().People!.ByKind["open-list"].P50Ms;

        Assert.True(busy > idle * 2, $"people's median for a list: idle {idle:F1} ms, while the integration floods {busy:F1} ms");
    }

    [Fact]
    public async Task People_are_sent_and_sent_home_through_the_control_api_and_bad_counts_are_named()
    {
        await using var emulator = await Emulators.StartSmallAsync(Scaled());
        using var control = new HttpClient { BaseAddress = emulator.BaseAddress };

        Assert.Equal(HttpStatusCode.NoContent, (await control.PostAsync("__emulator/faults", SlHttp.Json("""{"people":{"users":4,"actionsPerMinute":30}}"""))).StatusCode);
        Assert.Equal(4, emulator.GetStats().People!.Users);
        var stats = await control.GetStringAsync("__emulator/stats");
        Assert.Contains("\"people\":{\"users\":4", stats);

        Assert.Equal(HttpStatusCode.NoContent, (await control.PostAsync("__emulator/faults", SlHttp.Json("""{"people":null}"""))).StatusCode);
        Assert.Equal(0, emulator.GetStats().People!.Users);

        var bad = await control.PostAsync("__emulator/faults", SlHttp.Json("""{"people":{"users":-1}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("people.users", await bad.Content.ReadAsStringAsync());
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the people did not act in time");
            await Task.Delay(50);
        }
    }
}
