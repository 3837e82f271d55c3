using System.Text.Json;

namespace ActorSync.Emulators.Channels;

/// <summary>An outage: every channel API request answers <see cref="Status"/> for <see cref="ForMs"/> milliseconds.</summary>
public sealed record ChannelOutage(int Status, int ForMs)
{
    /// <summary>Ends a running outage.</summary>
    public static ChannelOutage End { get; } = new(503, 0);
}

/// <summary>BigCommerce's per-store quota (channels.md §2.2): <see cref="Quota"/> requests per <see cref="WindowMs"/>.
/// <see cref="RequestsLeft"/>, when given, starts a fresh window with only that many requests left (0: the next
/// request is answered 429).</summary>
public sealed record ChannelRateLimit(int Quota, int WindowMs, int? RequestsLeft = null);

/// <summary>
/// Faults for a channel emulator, as posted to <c>POST /__emulator/faults</c> or passed to <c>ApplyFaults</c>.
/// A property left null (absent in JSON) leaves that fault as it is.
/// </summary>
public sealed record ChannelFaultSettings
{
    /// <summary>Extra latency before every channel API request is handled, in milliseconds (0 turns it off).</summary>
    public int? LatencyMs { get; init; }

    /// <summary>Every channel API path answers the outage status (500, 502, 503 or 504) for a while.</summary>
    public ChannelOutage? Outage { get; init; }

    /// <summary>The next N shipment-creating requests commit, then lose their connection before any answer.</summary>
    public int? DropShipmentResponses { get; init; }

    /// <summary>The next N channel API reads are handled, then lose their connection before any answer (Sitoo).</summary>
    public int? DropResponses { get; init; }

    /// <summary>Replaces the rate limit (BigCommerce only; core Magento has no REST rate limit, channels.md §1.8).</summary>
    public ChannelRateLimit? RateLimit { get; init; }

    /// <summary>Clears latency, outage and drops, and restores the start-up rate limit.</summary>
    public bool? Clear { get; init; }

    /// <summary>
    /// Reads the control document, e.g. <c>{"outage":{"status":503,"forMs":2000},"latencyMs":50,
    /// "dropShipmentResponses":1,"dropResponses":1,"rateLimit":{"quota":150,"windowMs":30000,"requestsLeft":0},"clear":true}</c>.
    /// <c>"outage":null</c> ends an outage. Unknown keys and wrong types are refused with a
    /// <see cref="FormatException"/> naming the key.
    /// </summary>
    public static ChannelFaultSettings Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException error)
        {
            throw new FormatException($"The faults document is not valid JSON: {error.Message}", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("The faults document must be a JSON object.");
            var settings = new ChannelFaultSettings();
            foreach (var property in root.EnumerateObject())
            {
                var value = property.Value;
                settings = property.Name switch
                {
                    "latencyMs" => settings with { LatencyMs = value.ValueKind == JsonValueKind.Null ? 0 : Int(value, "latencyMs", 0) },
                    "outage" => settings with
                    {
                        Outage = value.ValueKind == JsonValueKind.Null
                            ? ChannelOutage.End
                            : new ChannelOutage(Member(value, "outage", "status", 503, min: 500), Member(value, "outage", "forMs", 2000, min: 0)),
                    },
                    "dropShipmentResponses" => settings with { DropShipmentResponses = value.ValueKind == JsonValueKind.Null ? 0 : Int(value, "dropShipmentResponses", 0) },
                    "dropResponses" => settings with { DropResponses = value.ValueKind == JsonValueKind.Null ? 0 : Int(value, "dropResponses", 0) },
                    "rateLimit" => settings with
                    {
                        RateLimit = value.ValueKind == JsonValueKind.Object
                            ? new ChannelRateLimit(
                                Member(value, "rateLimit", "quota", 150, min: 1),
                                Member(value, "rateLimit", "windowMs", 30000, min: 1),
                                value.TryGetProperty("requestsLeft", out var left) && left.ValueKind != JsonValueKind.Null ? Int(left, "rateLimit.requestsLeft", 0) : null)
                            : throw new FormatException("rateLimit must be an object like {\"quota\":150,\"windowMs\":30000}."),
                    },
                    "clear" => settings with
                    {
                        Clear = value.ValueKind switch
                        {
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => throw new FormatException("clear must be true or false."),
                        },
                    },
                    _ => throw new FormatException($"Unknown fault '{property.Name}' (known: latencyMs, outage, dropShipmentResponses, dropResponses, rateLimit, clear)."),
                };
            }

            if (settings.Outage is { ForMs: > 0, Status: not (500 or 502 or 503 or 504) } outage)
                throw new FormatException($"outage.status must be 500, 502, 503 or 504, was {outage.Status}.");
            return settings;
        }
    }

    private static int Member(JsonElement parent, string parentName, string name, int fallback, int min)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (property.Name is not ("status" or "forMs" or "quota" or "windowMs" or "requestsLeft"))
                throw new FormatException($"Unknown key '{parentName}.{property.Name}'.");
        }

        return parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? Int(value, $"{parentName}.{name}", min)
            : fallback;
    }

    private static int Int(JsonElement value, string name, int min) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min
            ? number
            : throw new FormatException($"{name} must be a whole number of at least {min}, was {value.GetRawText()}.");
}
