using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>How the emulator delivers webhooks (channels.md §2.3), time-scaled so 48 h of retries fit in a test.</summary>
public sealed record BigCommerceWebhookOptions
{
    /// <summary>BigCommerce's retry schedule after a failed delivery, in seconds; about 48 h in all, after which the hook is deactivated.</summary>
    public static readonly int[] RetryScheduleSeconds = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400];

    /// <summary>Multiplies every wait of the retry schedule (1: real time; 0.001: the first retry after 60 ms).</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>A delivery not answered within this counts as failed (and is retried).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Probability that an acknowledged delivery is sent once more (duplicates happen, §2.3).</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Each delivery waits a random 0..this before its first attempt, so events arrive in no particular order.</summary>
    public TimeSpan MaxReorderDelay { get; init; }

    /// <summary>When set (<c>whsec_…</c>), deliveries also carry Standard Webhooks headers signed with it.</summary>
    public string? StandardWebhooksSecret { get; init; }

    public int Seed { get; init; } = 11;
}

/// <summary>What the emulator's webhooks did.</summary>
public sealed record BigCommerceWebhookStats(long Events, long Attempts, long Acknowledged, long Failed, long Duplicates, long Abandoned, int ActiveHooks, int InactiveHooks, int Pending);

/// <summary>
/// The store's webhooks: registration (<c>POST/GET /v3/hooks</c>, <c>PUT /v3/hooks/{id}</c> with <c>is_active</c>)
/// and delivery of the light payload <c>{scope, store_id, data, hash, created_at, producer}</c> to every active hook
/// whose scope matches (exact or <c>…/*</c>), with the hook's custom <c>headers</c>. A non-2xx answer or a timeout is
/// retried on BigCommerce's schedule (time-scaled); after the last retry the hook is deactivated. Duplicates and
/// reordering on request.
/// </summary>
public sealed class BigCommerceWebhooks : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _hooks = [];
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private readonly string _storeHash;
    private long _nextHookId = 1, _events, _attempts, _acknowledged, _failed, _duplicates, _abandoned;
    private int _pending;

    public BigCommerceWebhooks(BigCommerceWebhookOptions options, string storeHash)
    {
        Options = options;
        _storeHash = storeHash;
        _random = new Random(options.Seed);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public BigCommerceWebhookOptions Options { get; set; }

    public static string StoreId => "1025646";

    /// <summary>Registers a hook from a <c>POST /v3/hooks</c> body; answers the V3 envelope or what is wrong.</summary>
    public (int Status, string Json) Create(string body)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject ?? throw new FormatException();
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return (400, Error(400, "The request body must be a JSON object."));
        }
        if (request["scope"]?.GetValue<string>() is not { Length: > 0 } scope || !scope.StartsWith("store/", StringComparison.Ordinal))
            return (422, Error(422, "scope is required (for example store/order/*)."));
        if (request["destination"]?.GetValue<string>() is not { } destination || !Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return (422, Error(422, "destination must be an absolute URL."));
        var hook = new JsonObject
        {
            ["id"] = _nextHookId, ["client_id"] = "emulator", ["store_hash"] = _storeHash, ["scope"] = scope, ["destination"] = destination,
            ["headers"] = request["headers"] is JsonObject h ? h.DeepClone() : new JsonObject(),
            ["is_active"] = request["is_active"]?.GetValue<bool>() ?? true,
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["updated_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        lock (_lock)
        {
            Interlocked.Increment(ref _nextHookId);
            _hooks.Add(hook);
            return (200, new JsonObject { ["data"] = hook.DeepClone(), ["meta"] = new JsonObject() }.ToJsonString());
        }
    }

    public string List()
    {
        lock (_lock)
            return new JsonObject { ["data"] = new JsonArray(_hooks.Select(h => (JsonNode)h.DeepClone()).ToArray()), ["meta"] = new JsonObject() }.ToJsonString();
    }

    /// <summary><c>PUT /v3/hooks/{id}</c>: only <c>is_active</c> (reactivating a deactivated hook) and <c>destination</c>.</summary>
    public (int Status, string Json) Update(long id, string body)
    {
        var request = JsonNode.Parse(body) as JsonObject;
        lock (_lock)
        {
            var hook = _hooks.FirstOrDefault(h => h["id"]!.GetValue<long>() == id);
            if (hook is null) return (404, Error(404, $"No webhook {id}."));
            if (request?["is_active"] is { } active) hook["is_active"] = active.GetValue<bool>();
            if (request?["destination"] is { } destination) hook["destination"] = destination.GetValue<string>();
            return (200, new JsonObject { ["data"] = hook.DeepClone() }.ToJsonString());
        }
    }

    public BigCommerceWebhookStats GetStats()
    {
        lock (_lock)
            return new BigCommerceWebhookStats(Interlocked.Read(ref _events), Interlocked.Read(ref _attempts), Interlocked.Read(ref _acknowledged),
                Interlocked.Read(ref _failed), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _abandoned),
                _hooks.Count(h => h["is_active"]!.GetValue<bool>()), _hooks.Count(h => !h["is_active"]!.GetValue<bool>()), Volatile.Read(ref _pending));
    }

    /// <summary>Fires an event: one delivery per matching active hook, in the background.</summary>
    public void Fire(string scope, JsonObject data)
    {
        Interlocked.Increment(ref _events);
        var dataJson = data.ToJsonString();
        var payload = new JsonObject
        {
            ["scope"] = scope, ["store_id"] = StoreId, ["data"] = JsonNode.Parse(dataJson),
            // SHA-1 of the JSON-encoded data: one event delivered twice carries the same hash (§2.3).
            ["hash"] = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(dataJson))),
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["producer"] = $"stores/{_storeHash}",
        }.ToJsonString();
        List<JsonObject> targets;
        lock (_lock)
            targets = _hooks.Where(h => h["is_active"]!.GetValue<bool>() && Matches(h["scope"]!.GetValue<string>(), scope)).ToList();
        foreach (var hook in targets)
        {
            Interlocked.Increment(ref _pending);
            _ = Task.Run(() => DeliverAsync(hook, payload));
        }
    }

    private static bool Matches(string hookScope, string scope) =>
        hookScope == scope || (hookScope.EndsWith("/*", StringComparison.Ordinal) && scope.StartsWith(hookScope[..^1], StringComparison.Ordinal));

    private async Task DeliverAsync(JsonObject hook, string payload)
    {
        try
        {
            var ct = _stop.Token;
            double reorder;
            lock (_random) reorder = _random.NextDouble();
            if (Options.MaxReorderDelay > TimeSpan.Zero) await Task.Delay(Options.MaxReorderDelay * reorder, ct).ConfigureAwait(false);
            var messageId = "msg_" + Guid.NewGuid().ToString("N");
            for (var attempt = 0; ; attempt++)
            {
                if (await PostAsync(hook, payload, messageId, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _acknowledged);
                    double dice;
                    lock (_random) dice = _random.NextDouble();
                    if (dice < Options.DuplicateRate && await PostAsync(hook, payload, messageId, ct).ConfigureAwait(false))
                        Interlocked.Increment(ref _duplicates);
                    return;
                }
                Interlocked.Increment(ref _failed);
                if (attempt >= BigCommerceWebhookOptions.RetryScheduleSeconds.Length)
                {
                    // ~48 h of failures: BigCommerce deactivates the hook (and e-mails the owner).
                    lock (_lock) hook["is_active"] = false;
                    Interlocked.Increment(ref _abandoned);
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(BigCommerceWebhookOptions.RetryScheduleSeconds[attempt] * Options.TimeScale), ct).ConfigureAwait(false);
                bool active;
                lock (_lock) active = hook["is_active"]!.GetValue<bool>();
                if (!active)
                {
                    Interlocked.Increment(ref _abandoned);
                    return;
                }
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

    private async Task<bool> PostAsync(JsonObject hook, string payload, string messageId, CancellationToken ct)
    {
        Interlocked.Increment(ref _attempts);
        string destination;
        KeyValuePair<string, JsonNode?>[] headers;
        lock (_lock)
        {
            destination = hook["destination"]!.GetValue<string>();
            headers = ((JsonObject)hook["headers"]!).ToArray();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, destination) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value?.GetValue<string>());
        if (Options.StandardWebhooksSecret is { } secret)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("webhook-id", messageId);
            request.Headers.Add("webhook-timestamp", timestamp);
            request.Headers.Add("webhook-signature", Sign(secret, messageId, timestamp, payload));
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.DeliveryTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Standard Webhooks: <c>v1,</c> + base64 HMAC-SHA256 of <c>"{id}.{timestamp}.{body}"</c>, keyed with the base64 after <c>whsec_</c>.</summary>
    public static string Sign(string secret, string id, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    private static string Error(int status, string title) => new JsonObject { ["status"] = status, ["title"] = title, ["type"] = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes" }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
