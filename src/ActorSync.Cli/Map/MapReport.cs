using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ActorSync.Channels;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Cli.Map;

/// <summary>What one record of the payload would become: documents, a fetch, a cancellation, or exceptions.</summary>
public sealed class MapEntry(string source)
{
    /// <summary>For people: "magento order 000000003", "sitoo POS sale 11513".</summary>
    public string Source { get; } = source;

    public OrderReadiness? Readiness { get; set; }

    /// <summary>One line: what the engine does with it.</summary>
    public string? Outcome { get; set; }

    /// <summary>The domain record the payload parsed into (ChannelOrder, PosTransaction, movements …).</summary>
    public object? Parsed { get; set; }

    public OrderTotals? Totals { get; set; }

    public List<SapPosting> Documents { get; } = [];

    public FetchPlan? Fetch { get; set; }

    public List<ExceptionDetails> Exceptions { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Addresses a record carries before it is a whole order (a header, a list of shipping addresses), as SAP would get them.</summary>
    public List<AddressForSap> Addresses { get; } = [];
}

/// <summary>One address in SAP's terms (state and country as SAP's codes) and as printed on the document.</summary>
public sealed record AddressForSap(string Role, ActorSync.Domain.Documents.SapAddressFields Sap, string Printable);

/// <summary>
/// The <c>map</c> command's stdout: indented JSON. Report fields are camelCase; document bodies keep SAP's own field
/// names (PascalCase, nulls left out) exactly as they would be posted.
/// </summary>
public sealed class MapReport
{
    // The report is read by people in a terminal, not embedded in HTML: keep ', <, + readable instead of \u0027.
    private static readonly JavaScriptEncoder Plain = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonSerializerOptions SapBody = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Plain,
    };

    private static readonly JsonSerializerOptions Readable = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = Plain,
    };

    public required string Channel { get; init; }

    public required string Payload { get; init; }

    public string RecognisedAs { get; set; } = "";

    public required string Mapping { get; init; }

    public required string MasterData { get; init; }

    public List<string> MappingWarnings { get; } = [];

    public List<MapEntry> Entries { get; } = [];

    public int DocumentCount => Entries.Sum(e => e.Documents.Count);

    public int ExceptionCount => Entries.Sum(e => e.Exceptions.Count);

    public MapEntry Add(string source)
    {
        var entry = new MapEntry(source);
        Entries.Add(entry);
        return entry;
    }

    public string ToJson()
    {
        var root = new JsonObject
        {
            ["command"] = "map",
            ["channel"] = Channel,
            ["payload"] = Payload,
            ["recognisedAs"] = RecognisedAs,
            ["mapping"] = Mapping,
            ["masterData"] = MasterData,
        };
        if (MappingWarnings.Count > 0)
            root["mappingWarnings"] = new JsonArray(MappingWarnings.Select(w => (JsonNode)w!).ToArray());
        root["results"] = new JsonArray(Entries.Select(EntryJson).ToArray<JsonNode?>());
        root["summary"] = new JsonObject
        {
            ["records"] = Entries.Count,
            ["documents"] = DocumentCount,
            ["fetches"] = Entries.Count(e => e.Fetch is not null),
            ["exceptions"] = ExceptionCount,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = Plain });
    }

    private static JsonObject EntryJson(MapEntry entry)
    {
        var json = new JsonObject { ["source"] = entry.Source };
        if (entry.Readiness is { } readiness)
        {
            json["action"] = JsonNamingPolicy.CamelCase.ConvertName(readiness.Action.ToString());
            json["reason"] = readiness.Reason;
        }

        if (entry.Outcome is not null)
            json["outcome"] = entry.Outcome;
        if (entry.Parsed is not null)
            json["parsed"] = JsonSerializer.SerializeToNode(entry.Parsed, entry.Parsed.GetType(), Readable);
        if (entry.Totals is { } totals)
        {
            json["totals"] = new JsonObject
            {
                ["linesNet"] = totals.LinesNet,
                ["linesTax"] = totals.LinesTax,
                ["shippingNet"] = totals.ShippingNet,
                ["shippingTax"] = totals.ShippingTax,
                ["grandTotal"] = totals.GrandTotal,
                ["roundingDifference"] = totals.RoundingDifference,
            };
        }

        if (entry.Fetch is { } fetch)
        {
            json["fetch"] = new JsonObject
            {
                ["subject"] = fetch.Subject,
                ["requests"] = new JsonArray(fetch.Requests.Select(r => (JsonNode)r!).ToArray()),
                ["then"] = fetch.Then,
            };
        }

        json["documents"] = new JsonArray(entry.Documents.Select(d =>
        {
            var doc = new JsonObject
            {
                ["entitySet"] = d.EntitySet,
                ["key"] = d.Key,
                ["body"] = JsonSerializer.SerializeToNode(d.Body, d.Body.GetType(), SapBody),
            };
            if (!d.References.IsEmpty)
            {
                doc["filledAtPostTime"] = new JsonArray(d.References
                    .Select(r => (JsonNode)$"{r.TargetField} <- {entry.Documents[r.FromPosting].EntitySet}.{r.SourceField} of document {r.FromPosting + 1}"!)
                    .ToArray());
            }

            return (JsonNode?)doc;
        }).ToArray());
        json["exceptions"] = new JsonArray(entry.Exceptions.Select(e => (JsonNode?)new JsonObject
        {
            ["type"] = e.Type,
            ["owningTeam"] = JsonNamingPolicy.CamelCase.ConvertName(e.Team.ToString()),
            ["reason"] = e.Reason,
            ["suggestedAction"] = e.SuggestedAction,
        }).ToArray());
        if (entry.Addresses.Count > 0)
        {
            json["addressesForSap"] = new JsonArray(entry.Addresses.Select(a => (JsonNode?)new JsonObject
            {
                ["role"] = a.Role,
                ["street"] = a.Sap.Street,
                ["block"] = a.Sap.Block,
                ["city"] = a.Sap.City,
                ["zipCode"] = a.Sap.ZipCode,
                ["state"] = a.Sap.State,
                ["country"] = a.Sap.Country,
                ["printable"] = a.Printable,
            }).ToArray());
        }

        if (entry.Notes.Count > 0)
            json["notes"] = new JsonArray(entry.Notes.Select(n => (JsonNode)n!).ToArray());
        return json;
    }
}
