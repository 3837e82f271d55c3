using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Emulators.Channels.Wms;

/// <summary>How the WMS emulator delivers its webhooks: at least once, with retries, duplicates and reordering on request.</summary>
public sealed record WmsDeliveryOptions
{
    /// <summary>The engine's <c>…/webhooks/wms/{source}</c> URL for canonical events (null: none sent).</summary>
    public Uri? Target { get; init; }

    /// <summary>The HMAC key canonical deliveries are signed with (<c>X-ActorSync-Signature</c>).</summary>
    public string Secret { get; init; } = "";

    /// <summary>The engine's <c>…/webhooks/mintsoft</c> URL for Mintsoft-shaped despatches (null: none sent).</summary>
    public Uri? MintsoftTarget { get; init; }

    /// <summary>What Mintsoft-shaped deliveries carry as <c>Authorization</c> (the Connect action's ExtraCode4).</summary>
    public string MintsoftSecret { get; init; } = "";

    /// <summary>The first retry waits this long (times <see cref="TimeScale"/>), each later one twice as long.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a delivery is abandoned (about 17 hours at real time with the defaults).</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>Multiplies every retry wait (1: real time; 0.001: 30 s becomes 30 ms).</summary>
    public double TimeScale { get; init; } = 1;

    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Probability that an acknowledged delivery is sent once more.</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Each delivery first waits a random 0..this, so events arrive in no particular order.</summary>
    public TimeSpan MaxReorderDelay { get; init; }

    /// <summary>Skews the signed timestamp (a sender whose clock is wrong); 0 normally.</summary>
    public TimeSpan ClockSkew { get; init; }

    public int Seed { get; init; } = 17;
}

/// <summary>Faults of the sending side: the WMS's outbound queue stops, every attempt is slow, answers are lost.</summary>
/// <param name="OutageMs">Nothing is sent for this long (events wait, then flow); 0 ends an outage.</param>
/// <param name="LatencyMs">Added before every attempt.</param>
/// <param name="DropAnswers">The next N acknowledged answers are treated as lost, so those events are sent again.</param>
public sealed record WmsFaults(int? OutageMs = null, int? LatencyMs = null, int? DropAnswers = null);

/// <summary>What the emulator's deliveries did (camelCase on <c>GET /__emulator/stats</c>).</summary>
public sealed record WmsDeliveryStats(long Events, long Attempts, long Acknowledged, long Retried, long Refused, long Duplicates, long DroppedAnswers, long Abandoned, int Pending)
{
    public override string ToString() =>
        $"events {Events}, attempts {Attempts}, acknowledged {Acknowledged}, retried {Retried}, refused {Refused}, duplicates {Duplicates}, dropped answers {DroppedAnswers}, abandoned {Abandoned}, pending {Pending}";
}

/// <summary>
/// The WMS's outbound webhooks. Each event is delivered in the background until a 2xx comes back: a non-2xx, a
/// timeout or a dropped answer is retried with exponential waits (time-scaled) up to <see cref="WmsDeliveryOptions.MaxAttempts"/>.
/// Canonical deliveries are signed afresh at each attempt (a retry carries a new timestamp, as a real sender's would).
/// </summary>
public sealed class WmsDelivery : IAsyncDisposable
{
    public const string TimestampHeader = "X-ActorSync-Timestamp";
    public const string SignatureHeader = "X-ActorSync-Signature";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private long _events, _attempts, _acknowledged, _retried, _refused, _duplicates, _droppedAnswers, _abandoned;
    private int _pending, _dropAnswers, _latencyMs;
    private long _outageUntilTicks;

    public WmsDelivery(WmsDeliveryOptions options)
    {
        Options = options;
        _random = new Random(options.Seed);
    }

    public WmsDeliveryOptions Options { get; set; }

    public WmsDeliveryStats GetStats() => new(Interlocked.Read(ref _events), Interlocked.Read(ref _attempts), Interlocked.Read(ref _acknowledged),
        Interlocked.Read(ref _retried), Interlocked.Read(ref _refused), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _droppedAnswers),
        Interlocked.Read(ref _abandoned), Volatile.Read(ref _pending));

    public void ApplyFaults(WmsFaults faults)
    {
        if (faults.OutageMs is { } outage) Interlocked.Exchange(ref _outageUntilTicks, outage <= 0 ? 0 : DateTime.UtcNow.AddMilliseconds(outage).Ticks);
        if (faults.LatencyMs is { } latency) Volatile.Write(ref _latencyMs, Math.Max(0, latency));
        if (faults.DropAnswers is { } drop) Volatile.Write(ref _dropAnswers, Math.Max(0, drop));
    }

    /// <summary>Sends a canonical event to <see cref="WmsDeliveryOptions.Target"/>, signed.</summary>
    public void SendCanonical(string body) => Enqueue(body, mintsoft: false);

    /// <summary>Sends a Mintsoft-shaped record to <see cref="WmsDeliveryOptions.MintsoftTarget"/>.</summary>
    public void SendMintsoft(string body) => Enqueue(body, mintsoft: true);

    /// <summary>Completes once nothing is pending (or the timeout passes; then false).</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _pending) > 0)
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(20).ConfigureAwait(false);
        }
        return true;
    }

    private void Enqueue(string body, bool mintsoft)
    {
        Interlocked.Increment(ref _events);
        Interlocked.Increment(ref _pending);
        _ = Task.Run(() => DeliverAsync(body, mintsoft));
    }

    private double Dice()
    {
        lock (_random) return _random.NextDouble();
    }

    private async Task DeliverAsync(string body, bool mintsoft)
    {
        var ct = _stop.Token;
        try
        {
            if (Options.MaxReorderDelay > TimeSpan.Zero) await Task.Delay(Options.MaxReorderDelay * Dice(), ct).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                if (await AttemptAsync(body, mintsoft, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _acknowledged);
                    if (Dice() < Options.DuplicateRate && await AttemptAsync(body, mintsoft, ct).ConfigureAwait(false))
                        Interlocked.Increment(ref _duplicates);
                    return;
                }
                if (attempt >= Options.MaxAttempts)
                {
                    Interlocked.Increment(ref _abandoned);
                    return;
                }
                Interlocked.Increment(ref _retried);
                var wait = Options.RetryBase.TotalMilliseconds * Math.Pow(2, attempt - 1) * Options.TimeScale * (0.8 + 0.4 * Dice());
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(wait, TimeSpan.FromHours(6).TotalMilliseconds)), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>One attempt: true when the engine answered 2xx and the answer was not dropped by a fault.</summary>
    private async Task<bool> AttemptAsync(string body, bool mintsoft, CancellationToken ct)
    {
        // The WMS's own outage: nothing leaves until it is over.
        while (Interlocked.Read(ref _outageUntilTicks) is var until and > 0 && DateTime.UtcNow.Ticks < until)
            await Task.Delay(20, ct).ConfigureAwait(false);
        if (Volatile.Read(ref _latencyMs) is > 0 and var latency) await Task.Delay(latency, ct).ConfigureAwait(false);

        var target = mintsoft ? Options.MintsoftTarget : Options.Target;
        if (target is null) throw new InvalidOperationException($"No {(mintsoft ? "Mintsoft" : "canonical")} target configured for the WMS emulator.");
        Interlocked.Increment(ref _attempts);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (mintsoft)
            request.Headers.TryAddWithoutValidation("Authorization", Options.MintsoftSecret);
        else
        {
            var timestamp = (DateTimeOffset.UtcNow + Options.ClockSkew).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Sign(Options.Secret, timestamp, body));
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.DeliveryTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
            if (TakeDrop())
            {
                Interlocked.Increment(ref _droppedAnswers);
                return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private bool TakeDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _dropAnswers);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _dropAnswers, left - 1, left) == left) return true;
        }
    }

    /// <summary><c>sha256=</c> + hex HMAC-SHA256 of <c>timestamp + "." + body</c>, keyed with the secret's UTF-8 bytes.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
