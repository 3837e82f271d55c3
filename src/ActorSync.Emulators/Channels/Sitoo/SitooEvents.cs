using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>Which answers Sitoo retries (channels.md §3.6).</summary>
public enum SitooRetryRule
{
    /// <summary>The current page: 429, 503 and 504 (and no answer within the reply time) are retried; any other code drops the delivery.</summary>
    Current,
    /// <summary>The older page: 200 and 4xx other than 429 end the delivery; every other code (500 included) and no answer are retried.</summary>
    Legacy,
}

/// <summary>How the emulator delivers Events SPI calls, time-scaled so a day of retries fits in a test.</summary>
public sealed record SitooEventsOptions
{
    /// <summary>
    /// The retry schedule in seconds after each failed attempt: ten in the first hour, then hourly, about 24 h in all
    /// (§3.6: "up to ~10 times in the first hour, then hourly, ~24 h total, then dropped").
    /// </summary>
    public static readonly int[] RetryScheduleSeconds = [.. new[] { 30, 60, 120, 180, 300, 300, 600, 600, 600, 600 }, .. Enumerable.Repeat(3600, 23)];

    /// <summary>Where events are POSTed (the integrator's <c>/events</c>); null: events are queued, not sent.</summary>
    public Uri? Destination { get; init; }

    /// <summary>Optional Basic auth of the SPI's own (never the API credentials).</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>An answer must come within this (§3.6: 15 s); none counts as failed.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Multiplies every wait of the retry schedule (1: real time; 0.001: the first retry after 30 ms).</summary>
    public double TimeScale { get; init; } = 1;

    public SitooRetryRule RetryRule { get; init; } = SitooRetryRule.Current;

    /// <summary>Probability that an acknowledged delivery is sent once more (duplicates on request).</summary>
    public double DuplicateRate { get; init; }

    /// <summary>At most this many events per call (§3.6: up to 10).</summary>
    public int MaxBatch { get; init; } = 10;

    public int Seed { get; init; } = 5;
}

/// <summary>What the SPI delivery did: events queued, calls sent, events acknowledged, retried calls, dropped and duplicated events, still queued.</summary>
public sealed record SitooEventsStats(long Events, long Sent, long Acknowledged, long Retried, long Dropped, long Duplicates, int Queued, int? LastStatus);

/// <summary>
/// Sitoo's Events SPI sender (channels.md §3.6): one queue per account, in chronological order, sent in calls of up to
/// 10 events <c>[{event_id, event_type, event_date, account_id, data{…}}]</c>. The head call is retried on the
/// schedule while the answer is retryable, and nothing behind it is sent meanwhile (head-of-line blocking, as
/// Sitoo does); after the last retry, or on an answer that is not retryable, its events are dropped and the queue
/// moves on.
/// </summary>
public sealed class SitooEvents : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<JsonObject> _queue = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Random _random;
    private readonly string _accountId;
    private readonly TimeProvider _clock;
    private readonly Task _worker;
    private long _events, _calls, _acknowledged, _retried, _dropped, _duplicates;
    private int? _lastStatus;
    private int _inFlight;

    public SitooEvents(SitooEventsOptions options, string accountId, TimeProvider clock)
    {
        Options = options;
        _accountId = accountId;
        _clock = clock;
        _random = new Random(options.Seed);
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Replaceable while running (a test points deliveries at the service once it listens).</summary>
    public SitooEventsOptions Options { get; set; }

    /// <summary>Queues an order event (<c>order_event_type</c> add, update, …; <c>order_state_changed</c> open, closed, cancelled or null).</summary>
    public string OrderEvent(long orderId, string orderEventType, string? stateChanged, long? warehouseId, int eshopId = 1)
    {
        var id = Guid.NewGuid().ToString();
        Enqueue(new JsonObject
        {
            ["event_id"] = id, ["event_type"] = "order", ["event_date"] = _clock.GetUtcNow().ToUnixTimeSeconds(), ["account_id"] = _accountId,
            ["data"] = new JsonObject
            {
                ["eshop_id"] = eshopId, ["order_id"] = orderId, ["warehouse_id"] = warehouseId, ["order_event_type"] = orderEventType, ["order_state_changed"] = stateChanged,
            },
        });
        return id;
    }

    /// <summary>Queues an event exactly as given (a poison event, another event type).</summary>
    public void Enqueue(JsonObject evt)
    {
        lock (_lock) _queue.AddLast(evt);
        Interlocked.Increment(ref _events);
        _signal.Release();
    }

    public SitooEventsStats GetStats()
    {
        lock (_lock)
            return new SitooEventsStats(Interlocked.Read(ref _events), Interlocked.Read(ref _calls), Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _retried),
                Interlocked.Read(ref _dropped), Interlocked.Read(ref _duplicates), _queue.Count + Volatile.Read(ref _inFlight), _lastStatus);
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await _signal.WaitAsync(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
                if (Options.Destination is null) continue;
                List<JsonObject> batch;
                lock (_lock)
                {
                    batch = _queue.Take(Math.Clamp(Options.MaxBatch, 1, 10)).ToList();
                    for (var i = 0; i < batch.Count; i++) _queue.RemoveFirst();
                    _inFlight = batch.Count;
                }
                if (batch.Count == 0) continue;
                await DeliverAsync(batch, ct).ConfigureAwait(false);
                Volatile.Write(ref _inFlight, 0);
                _signal.Release(); // more may be queued behind
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One call, retried on the schedule while the answer says so; the queue behind waits.</summary>
    private async Task DeliverAsync(List<JsonObject> batch, CancellationToken ct)
    {
        var body = new JsonArray(batch.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0) Interlocked.Increment(ref _retried);
            var status = await PostAsync(body, ct).ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                Interlocked.Add(ref _acknowledged, batch.Count);
                double dice;
                lock (_random) dice = _random.NextDouble();
                if (dice < Options.DuplicateRate && await PostAsync(body, ct).ConfigureAwait(false) is >= 200 and < 300)
                    Interlocked.Add(ref _duplicates, batch.Count);
                return;
            }
            if (!Retryable(status) || attempt >= SitooEventsOptions.RetryScheduleSeconds.Length)
            {
                Interlocked.Add(ref _dropped, batch.Count);
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(SitooEventsOptions.RetryScheduleSeconds[attempt] * Options.TimeScale), _clock, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Null status: no answer within the reply time (or no connection), retried under both rules.</summary>
    private bool Retryable(int? status) => status is null || Options.RetryRule switch
    {
        SitooRetryRule.Current => status is 429 or 503 or 504,
        _ => !(status is 200 || (status is >= 400 and < 500 && status != 429)),
    };

    private async Task<int?> PostAsync(string body, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        var options = Options;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Destination) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (options.User is { } user)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ReplyTimeout);
        int? status;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            status = null;
        }
        lock (_lock) _lastStatus = status;
        return status;
    }

    public static string Describe(SitooEventsStats stats) => string.Create(CultureInfo.InvariantCulture,
        $"events {stats.Events}, sent {stats.Sent}, acknowledged {stats.Acknowledged}, retried {stats.Retried}, dropped {stats.Dropped}, duplicates {stats.Duplicates}, queued {stats.Queued}, last {stats.LastStatus}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _http.Dispose();
        _stop.Dispose();
        _signal.Dispose();
    }
}
