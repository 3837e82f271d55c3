using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Capacity;

namespace ActorSync.Emulators.ServiceLayer.Faults;

/// <summary>
/// Faults to inject, as posted to <c>POST /__emulator/faults</c> or passed to <c>ApplyFaults</c>. A property left
/// null (absent in JSON) leaves that fault unchanged.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Extra latency added to every <c>/b1s</c> request, in milliseconds (0 turns it off).</summary>
    public int? LatencyMs { get; init; }

    /// <summary>All <c>/b1s</c> paths fail for a while; <see cref="OutageFault.End"/> (JSON <c>null</c>) ends it.</summary>
    public OutageFault? Outage { get; init; }

    /// <summary>One-shot: every open session becomes invalid.</summary>
    public bool? ExpireAllSessions { get; init; }

    /// <summary>The next N requests creating a document in the set commit, then lose their connection.</summary>
    public DropResponseFault? DropResponseAfterCommit { get; init; }

    /// <summary>Replaces the simulated users' row locks; an empty list clears them.</summary>
    public IReadOnlyList<UserLockFault>? UserLocks { get; init; }

    /// <summary>
    /// The user's password changes to this, as when an administrator changes it in SAP: from now on Login refuses
    /// any other (100000027), while sessions already open stay valid. <c>Clear</c> and <c>Reset</c> restore the
    /// start-up password. Never echoed.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>Replaces the capacity model at run time.</summary>
    public CapacityOptions? Capacity { get; init; }

    /// <summary>
    /// Opt-in: a request carrying <c>Expect: 100-continue</c> gets an empty 500, as SAP's Apache load balancer
    /// answers (reference §4, FIELD daemon-sap).
    /// </summary>
    public bool? ExpectContinueFails { get; init; }

    /// <summary>
    /// People working in SAP from now on, contending for the same workers (<see cref="PeopleOptions"/>); users 0 sends
    /// them home. Their latencies are counted afresh and shown under <c>people</c> in the stats.
    /// </summary>
    public PeopleOptions? People { get; init; }

    /// <summary>Clears every fault (latency, outage, drops, user locks, expect-continue, a changed password) and restores the start-up capacity.</summary>
    public bool? Clear { get; init; }

    /// <summary>
    /// Reads the JSON control document. <c>"outage":null</c> ends an outage; <c>"capacity"</c> may be partial
    /// (<c>enabled, workers, timeScale, documentBaseCostMs, perLineCostMs, loginCostMs, batchOverheadMs, readCostMs,
    /// lockWaitTimeoutMs</c>, or <c>"preset":"off"|"calibrated"</c>) and is merged into <paramref name="currentCapacity"/>.
    /// </summary>
    public static FaultSettings Parse(string json, CapacityOptions currentCapacity)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The faults document must be a JSON object.");
        }

        var settings = new FaultSettings();
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            settings = property.Name switch
            {
                "latencyMs" => settings with { LatencyMs = value.ValueKind == JsonValueKind.Null ? 0 : value.GetInt32() },
                "outage" => settings with
                {
                    Outage = value.ValueKind == JsonValueKind.Null
                        ? OutageFault.End
                        : new OutageFault(Int(value, "status") ?? 503, Int(value, "forMs") ?? 2000),
                },
                "expireAllSessions" => settings with { ExpireAllSessions = value.ValueKind == JsonValueKind.True },
                "dropResponseAfterCommit" => settings with
                {
                    DropResponseAfterCommit = value.ValueKind == JsonValueKind.Null
                        ? new DropResponseFault(0, "*")
                        : new DropResponseFault(Int(value, "count") ?? 1, Str(value, "entitySet") ?? throw new FormatException("dropResponseAfterCommit.entitySet is required.")),
                },
                "userLocks" => settings with
                {
                    UserLocks = value.ValueKind == JsonValueKind.Null
                        ? []
                        : value.EnumerateArray().Select(l => new UserLockFault(
                            Str(l, "itemCode") ?? throw new FormatException("userLocks[].itemCode is required."),
                            Str(l, "warehouseCode") ?? throw new FormatException("userLocks[].warehouseCode is required."),
                            Int(l, "forMs") ?? 5000,
                            Str(l, "user") ?? "manager2")).ToList(),
                },
                "password" => settings with { Password = value.GetString() ?? throw new FormatException("password must be a string.") },
                "capacity" => settings with { Capacity = MergeCapacity(value, currentCapacity) },
                "expectContinueFails" => settings with { ExpectContinueFails = value.ValueKind == JsonValueKind.True },
                "clear" => settings with { Clear = value.ValueKind == JsonValueKind.True },
                "people" => settings with
                {
                    People = value.ValueKind == JsonValueKind.Null
                        ? new PeopleOptions(0)
                        : Validated(new PeopleOptions(Int(value, "users") ?? throw new FormatException("people.users is required."),
                            value.TryGetProperty("actionsPerMinute", out var rate) ? rate.GetDouble() : 6, Int(value, "seed") ?? 17)),
                },
                _ => throw new FormatException($"Unknown fault '{property.Name}'."),
            };
        }

        return settings;
    }

    private static CapacityOptions MergeCapacity(JsonElement value, CapacityOptions current)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return CapacityOptions.Off;
        }

        var result = Str(value, "preset") switch
        {
            null => current,
            "off" => CapacityOptions.Off,
            "calibrated" => CapacityOptions.Calibrated(value.TryGetProperty("timeScale", out var scale) ? scale.GetDouble() : 1.0),
            var other => throw new FormatException($"Unknown capacity preset '{other}'."),
        };
        if (value.TryGetProperty("enabled", out var enabled))
        {
            result = result with { Enabled = enabled.GetBoolean() };
        }

        if (Int(value, "workers") is { } workers)
        {
            result = result with { Workers = workers };
        }

        if (value.TryGetProperty("timeScale", out var timeScale))
        {
            result = result with { TimeScale = timeScale.GetDouble() };
        }

        result = Ms(value, "documentBaseCostMs") is { } baseCost ? result with { DocumentBaseCost = baseCost } : result;
        result = Ms(value, "perLineCostMs") is { } perLine ? result with { PerLineCost = perLine } : result;
        result = Ms(value, "loginCostMs") is { } login ? result with { LoginCost = login } : result;
        result = Ms(value, "batchOverheadMs") is { } batch ? result with { BatchOverhead = batch } : result;
        result = Ms(value, "readCostMs") is { } read ? result with { ReadCost = read } : result;
        result = Ms(value, "lockWaitTimeoutMs") is { } wait ? result with { LockWaitTimeout = wait } : result;
        return result;
    }

    private static PeopleOptions Validated(PeopleOptions people)
    {
        people.Validate();
        return people;
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static TimeSpan? Ms(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(value.GetDouble()) : null;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FaultSettings(latency={LatencyMs}, outage={Outage}, expire={ExpireAllSessions}, drop={DropResponseAfterCommit}, userLocks={UserLocks?.Count}, password={(Password is null ? "unchanged" : "changed")}, capacity={Capacity?.Enabled}, people={People?.Users}, clear={Clear})");
}

/// <summary>
/// Every <c>/b1s</c> request fails with <paramref name="Status"/> for <paramref name="ForMs"/> ms: 503 answers
/// <c>{"message":"Service Unavailable"}</c> (what a down SL node answers, reference §1); 502 answers Apache's HTML
/// "Proxy Error" page (reference §4). <c>ForMs = 0</c> ends an outage.
/// </summary>
public sealed record OutageFault(int Status = 503, int ForMs = 2000)
{
    public static OutageFault End { get; } = new(503, 0);
}

/// <summary>The next <paramref name="Count"/> requests creating a document in <paramref name="EntitySet"/> commit and are then cut off.</summary>
public sealed record DropResponseFault(int Count, string EntitySet);

/// <summary>A simulated SAP user holding the item × warehouse row for <paramref name="ForMs"/> ms.</summary>
public sealed record UserLockFault(string ItemCode, string WarehouseCode, int ForMs, string User = "manager2");
