using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;

namespace ActorSync.Perf;

/// <summary>
/// The integration most shops start with, as the baseline: one Service Layer request per order, a check-then-insert
/// on NumAtCard to avoid duplicates, a fixed number of retries with a fixed pause, one session per worker.
/// Written plainly on HttpClient on purpose: it has none of the engine's batching, look-up-before-retry or backoff.
/// </summary>
public sealed class NaiveIntegration(Uri baseAddress, OrderMapping mapping, int workers, int retries = 3, TimeSpan? pause = null)
{
    private readonly TimeSpan _pause = pause ?? TimeSpan.FromSeconds(1);

    public sealed record Result(int Posted, int GaveUp, long Requests, IReadOnlyList<double> LatenciesMs);

    public async Task<Result> RunAsync(IReadOnlyList<(ChannelOrder Order, DateTime ArrivedAt)> deliveries, CancellationToken ct)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(ChannelOrder Order, DateTime ArrivedAt)>(deliveries);
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        long requests = 0;
        var posted = 0;
        var gaveUp = 0;

        async Task Worker()
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(baseAddress, "b1s/v1/"), Timeout = TimeSpan.FromSeconds(60) };
            var cookie = await LoginAsync(http, ct);
            Interlocked.Increment(ref requests);
            while (queue.TryDequeue(out var delivery))
            {
                var document = SalesOrderBuilder.Build(delivery.Order, mapping).Document!;
                var done = false;
                for (var attempt = 0; attempt <= retries && !done; attempt++)
                {
                    try
                    {
                        // Check, then insert: the gap between the two is where duplicates come from.
                        Interlocked.Increment(ref requests);
                        using var check = new HttpRequestMessage(HttpMethod.Get,
                            $"Orders?$select=DocEntry&$filter={Uri.EscapeDataString($"NumAtCard eq '{document.NumAtCard}'")}");
                        check.Headers.Add("Cookie", cookie);
                        using var found = await http.SendAsync(check, ct);
                        if (found.StatusCode == HttpStatusCode.Unauthorized) { cookie = await LoginAsync(http, ct); continue; }
                        found.EnsureSuccessStatusCode();
                        var existing = await found.Content.ReadFromJsonAsync<JsonElement>(ct);
                        if (existing.GetProperty("value").GetArrayLength() > 0) { done = true; break; }

                        Interlocked.Increment(ref requests);
                        using var post = new HttpRequestMessage(HttpMethod.Post, "Orders") { Content = JsonContent.Create(document, options: Json) };
                        post.Headers.Add("Cookie", cookie);
                        using var created = await http.SendAsync(post, ct);
                        if (created.StatusCode == HttpStatusCode.Unauthorized) { cookie = await LoginAsync(http, ct); continue; }
                        done = created.IsSuccessStatusCode;
                    }
                    catch (Exception) when (!ct.IsCancellationRequested)
                    {
                        // Timeouts, dropped connections: try again after the fixed pause.
                    }
                    if (!done) await Task.Delay(_pause, ct);
                }
                if (done)
                {
                    Interlocked.Increment(ref posted);
                    latencies.Add((DateTime.UtcNow - delivery.ArrivedAt).TotalMilliseconds);
                }
                else Interlocked.Increment(ref gaveUp);
            }
        }

        // A worker that cannot even log in leaves its share of the queue to the others; what nobody posts is lost.
        var runs = Enumerable.Range(0, workers).Select(_ => Task.Run(Worker, ct)).ToArray();
        try { await Task.WhenAll(runs); }
        catch (Exception) when (runs.Any(r => r.IsCompletedSuccessfully)) { }
        gaveUp += queue.Count;
        return new Result(posted, gaveUp, Interlocked.Read(ref requests), latencies.ToList());
    }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static async Task<string> LoginAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("Login", new { CompanyDB = "SBODEMO", UserName = "manager", Password = "manager" }, Json, ct);
        response.EnsureSuccessStatusCode();
        var session = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("B1SESSION=") || c.StartsWith("ROUTEID="));
        return string.Join("; ", session);
    }
}
