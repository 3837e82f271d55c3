using System.Collections.Concurrent;
using System.Diagnostics;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.StockPublishing.Channels;

namespace ActorSync.Perf;

/// <summary>
/// The stock sync most shops start with, as the baseline: every stock change in SAP becomes one channel call for that
/// SKU, at once, no coalescing, no pacing; a 429 is waited out (the channel's reset or Retry-After, else a second) and
/// the same call made again. Four workers per channel. It is handed the changes as they happen and reads SAP's figures
/// in process (free: it does not poll the audit nor pay Service Layer reads), and it uses the engine's own channel
/// clients with one item a call, so the difference measured is coalescing and pacing only.
/// </summary>
public sealed class StockStormNaive(StormWorld world, int workersPerChannel = 4)
{
    public sealed record Result(long Sent, long Pending, long Throttled);

    public async Task<IReadOnlyList<Result>> RunAsync(ConcurrentQueue<(int Item, string Warehouse, long At)> changes, Func<bool> burstDone, CancellationToken ct)
    {
        // One queue per channel location: each change in a warehouse it sells is one call to make.
        var queues = world.Shops.Select(_ => new ConcurrentQueue<int>()).ToArray();
        var sent = new long[world.Shops.Count];
        var throttled = new long[world.Shops.Count];
        var fanOut = Task.Run(async () =>
        {
            while (true)
            {
                var done = burstDone();
                while (changes.TryDequeue(out var change))
                    for (var s = 0; s < world.Shops.Count; s++)
                        if (world.Shops[s].Sells(change.Warehouse)) queues[s].Enqueue(change.Item);
                if (done) return;
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var workers = new List<Task>();
        for (var s = 0; s < world.Shops.Count; s++)
        {
            var (shop, queue, index) = (world.Shops[s], queues[s], s);
            var client = shop.Client();
            for (var w = 0; w < workersPerChannel; w++)
            {
                workers.Add(Task.Run(async () =>
                {
                    while (!ct.IsCancellationRequested)
                    {
                        if (!queue.TryDequeue(out var item))
                        {
                            if (fanOut.IsCompleted && queue.IsEmpty) return;
                            await Task.Delay(5, CancellationToken.None);
                            continue;
                        }

                        while (!ct.IsCancellationRequested)
                        {
                            // SAP's figure when the call is made (what a webhook handler reading SAP would send).
                            var quantity = world.Available(shop, item);
                            var result = await client.SendAsync(shop.Location, [new OwedItem(world.Items[item], quantity, DateTimeOffset.UtcNow)], CancellationToken.None);
                            if (result is StockCallResult.Accepted or StockCallResult.Refused)
                            {
                                Interlocked.Increment(ref sent[index]);
                                break;
                            }

                            if (result is StockCallResult.Throttled) Interlocked.Increment(ref throttled[index]);
                            var wait = result switch
                            {
                                StockCallResult.Throttled { Reset: { } reset } when reset > TimeSpan.Zero => reset,
                                _ => TimeSpan.FromSeconds(1),
                            };
                            try { await Task.Delay(wait, ct); } catch (OperationCanceledException) { }
                        }
                    }
                }, CancellationToken.None));
            }
        }

        await Task.WhenAll(workers.Append(fanOut));
        return world.Shops.Select((_, s) => new Result(sent[s], queues[s].Count, throttled[s])).ToList();
    }
}
