using ActorSync.Channels.Wms;
using ActorSync.Domain.Documents;

namespace ActorSync.Engine.Connectors.Wms;

/// <summary>Section <c>Connectors:Wms</c>: warehouse systems that post ActorSync's canonical events, one entry per source.</summary>
public sealed class WmsConnectorSettings
{
    public List<WmsSourceSettings> Sources { get; set; } = [];

    public void Validate(string section)
    {
        if (Sources.Count == 0)
            throw new ArgumentException($"{section}:Sources is empty; list each warehouse system (Name, Secret, Warehouses) or leave {section} out.", $"{section}:Sources");
        for (var i = 0; i < Sources.Count; i++)
            Sources[i].Validate($"{section}:Sources:{i}");
        var twice = Sources.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException($"{section}:Sources names '{twice.Key}' twice; each source needs its own name.", $"{section}:Sources");
    }

    public override string ToString() => $"WMS connector {{ {string.Join("; ", Sources)} }}";
}

/// <summary>
/// What every warehouse source shares: the inbox (<c>inbox-wms-&lt;name&gt;</c>), its limits and its warehouse map.
/// Secrets come from the environment (<c>Connectors__Wms__Sources__0__Secret</c>); <see cref="ToString"/> and every
/// error leave them out.
/// </summary>
public abstract class WmsSourceSettingsBase
{
    /// <summary>The WMS's warehouse code → SAP warehouse code (<c>"MAN1": "01"</c>). A code not here falls back to <c>Mapping:Channels:&lt;name&gt;:Locations</c>.</summary>
    public Dictionary<string, string> Warehouses { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SAP warehouse that returns are received into; default <c>Mapping:Returns:RestockWarehouse</c>.</summary>
    public string? ReturnsWarehouse { get; set; }

    /// <summary>A body larger than this is refused with 413.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Entries worked at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>The first wait after a failed attempt; later waits double up to 5 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The source's name in the engine (movements' source, windows <c>&lt;name&gt;@…</c>, inbox <c>inbox-wms-&lt;name&gt;</c>).</summary>
    public abstract string SourceName { get; }

    /// <summary>The inbox's source (its persistence id is <c>inbox-</c> + this).</summary>
    public string InboxSource => $"wms-{SourceName}";

    protected void ValidateCommon(string section)
    {
        foreach (var (code, sap) in Warehouses)
            if (string.IsNullOrWhiteSpace(sap) || sap.Length > 8 || sap.Contains(':'))
                throw new ArgumentException($"{section}:Warehouses:{code} must be an SAP warehouse code (at most 8 characters, no ':'), was '{sap}'.", $"{section}:Warehouses:{code}");
        if (ReturnsWarehouse is { } r && (r.Length is 0 or > 8 || r.Contains(':')))
            throw new ArgumentException($"{section}:ReturnsWarehouse must be an SAP warehouse code (at most 8 characters), was '{r}'.", $"{section}:ReturnsWarehouse");
        if (MaxBodyBytes is < 1024 or > 4_000_000)
            throw new ArgumentException($"{section}:MaxBodyBytes must be from 1024 to 4000000, was {MaxBodyBytes}.", $"{section}:MaxBodyBytes");
        if (Parallelism is < 1 or > 32)
            throw new ArgumentException($"{section}:Parallelism must be from 1 to 32, was {Parallelism}.", $"{section}:Parallelism");
        if (RetryDelay < TimeSpan.FromMilliseconds(10) || RetryDelay > TimeSpan.FromMinutes(5))
            throw new ArgumentException($"{section}:RetryDelay must be between 00:00:00.01 and 00:05:00, was {RetryDelay}.", $"{section}:RetryDelay");
    }

    protected static void CheckSecret(string section, string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!required) return;
            throw new ArgumentException($"{section}:{key} is required (best from the environment, {section.Replace(":", "__")}__{key}).", $"{section}:{key}");
        }
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"{section}:{key} must not contain spaces or control characters.", $"{section}:{key}");
        if (value.Length < 24)
            throw new ArgumentException($"{section}:{key} is shorter than 24 characters; use a long random value (for example `openssl rand -hex 32`).", $"{section}:{key}");
    }

    /// <summary>The SAP warehouse of a WMS code: this source's map, else the Mapping section's locations of the source's name.</summary>
    public string? SapWarehouseOf(string code, OrderMapping mapping) =>
        Warehouses.TryGetValue(code, out var sap) ? sap
        : mapping.Locations.TryGetValue(SourceName, out var locations) && locations.TryGetValue(code, out var location) ? location.Warehouse
        : null;

    /// <summary>The translation rules of this source (the engine's mapping supplies returns and write-off warehouses).</summary>
    public WmsSourceMapping MappingFor(OrderMapping mapping, string section) => new(SourceName,
        code => SapWarehouseOf(code, mapping), code => $"{section}:Warehouses:{code}",
        ReturnsWarehouse ?? mapping.ReturnsToStockWarehouse, mapping.WriteOffWarehouse, mapping.WriteOffReasonCodes);

    /// <summary>Every SAP warehouse this source can post to (mapped onto itself for the warehouse flow's location lookup).</summary>
    public IEnumerable<string> SapWarehouses(OrderMapping mapping) =>
        Warehouses.Values
            .Concat(mapping.Locations.TryGetValue(SourceName, out var locations) ? locations.Values.Select(l => l.Warehouse) : [])
            .Append(ReturnsWarehouse ?? mapping.ReturnsToStockWarehouse).Append(mapping.WriteOffWarehouse)
            .Distinct(StringComparer.Ordinal);
}

/// <summary>
/// <c>Connectors:Wms:Sources:&lt;n&gt;</c>: one warehouse system posting signed canonical events to
/// <c>POST /webhooks/wms/{Name}</c>.
/// </summary>
public sealed class WmsSourceSettings : WmsSourceSettingsBase
{
    private static readonly string[] ChannelNames = ["magento", "bigcommerce", "sitoo", "mintsoft"];

    /// <summary>Lower-case letters, digits and '-', at most 20 (it is the movements' source and part of URLs and ids).</summary>
    public string Name { get; set; } = "";

    /// <summary>The HMAC key the source signs with (≥ 24 characters).</summary>
    public string Secret { get; set; } = "";

    /// <summary>While rotating: the key being retired, still accepted until removed.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>How far a delivery's timestamp may be from now, either way.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    public override string SourceName => Name;

    public IReadOnlyList<string?> Secrets => [Secret, PreviousSecret];

    public void Validate(string section)
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > 20 || !Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || !char.IsAsciiLetterOrDigit(Name[0]))
            throw new ArgumentException($"{section}:Name must be lower-case letters, digits and '-' (at most 20), was '{Name}'.", $"{section}:Name");
        if (ChannelNames.Contains(Name))
            throw new ArgumentException($"{section}:Name '{Name}' is a channel's name; choose another (e.g. '{Name}-3pl').", $"{section}:Name");
        CheckSecret(section, nameof(Secret), Secret, required: true);
        CheckSecret(section, nameof(PreviousSecret), PreviousSecret, required: false);
        if (ReplayWindow < TimeSpan.FromSeconds(10) || ReplayWindow > TimeSpan.FromHours(1))
            throw new ArgumentException($"{section}:ReplayWindow must be between 00:00:10 and 01:00:00, was {ReplayWindow}.", $"{section}:ReplayWindow");
        ValidateCommon(section);
    }

    public override string ToString() =>
        $"{Name} {{ Secret = ***, PreviousSecret = {(string.IsNullOrEmpty(PreviousSecret) ? "none" : "***")}, Warehouses = {Warehouses.Count}, ReplayWindow = {ReplayWindow} }}";
}

/// <summary>
/// <c>Connectors:Mintsoft</c>: Mintsoft's despatch and ASN booked-in Connect actions posting to
/// <c>POST /webhooks/mintsoft</c> with <see cref="Secret"/> as their <c>Authorization</c> header. Its inbox is
/// <c>inbox-wms-mintsoft</c>; <see cref="WmsSourceSettingsBase.Warehouses"/> is keyed by Mintsoft's <c>WarehouseId</c>.
/// </summary>
public sealed class MintsoftConnectorSettings : WmsSourceSettingsBase
{
    public const string Name = "mintsoft";

    /// <summary>The value Mintsoft sends in <c>Authorization</c> (the Connect action's <c>ExtraCode4</c>).</summary>
    public string Secret { get; set; } = "";

    /// <summary>While rotating: the value being retired.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>Mintsoft <c>ChannelId</c> → ActorSync channel of the order (<c>"3": "magento"</c>).</summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The channel of orders whose ChannelId is not in <see cref="Channels"/> (and whose reference does not say <c>channel:</c>).</summary>
    public string? DefaultChannel { get; set; }

    public override string SourceName => Name;

    public IReadOnlyList<string?> Secrets => [Secret, PreviousSecret];

    public MintsoftOptions Options => new(
        Channels.Where(c => int.TryParse(c.Key, out _)).ToDictionary(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture), c => c.Value.ToLowerInvariant()),
        DefaultChannel?.ToLowerInvariant());

    public void Validate(string section)
    {
        CheckSecret(section, nameof(Secret), Secret, required: true);
        CheckSecret(section, nameof(PreviousSecret), PreviousSecret, required: false);
        foreach (var (id, channel) in Channels)
        {
            if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                throw new ArgumentException($"{section}:Channels:{id} must be keyed by Mintsoft's numeric ChannelId.", $"{section}:Channels:{id}");
            if (!IsChannel(channel))
                throw new ArgumentException($"{section}:Channels:{id} must be a channel name (letters, digits, '-', '_'), was '{channel}'.", $"{section}:Channels:{id}");
        }
        if (DefaultChannel is not null && !IsChannel(DefaultChannel))
            throw new ArgumentException($"{section}:DefaultChannel must be a channel name (letters, digits, '-', '_'), was '{DefaultChannel}'.", $"{section}:DefaultChannel");
        ValidateCommon(section);
    }

    private static bool IsChannel(string value) => value.Length is > 0 and <= 20 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public override string ToString() =>
        $"Mintsoft connector {{ Secret = ***, PreviousSecret = {(string.IsNullOrEmpty(PreviousSecret) ? "none" : "***")}, Warehouses = {Warehouses.Count}, Channels = {Channels.Count}, DefaultChannel = {DefaultChannel ?? "none"} }}";
}
