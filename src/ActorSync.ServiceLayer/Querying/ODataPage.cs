using System.Text.Json;

namespace ActorSync.ServiceLayer.Querying;

/// <summary>Reads one page of a collection answer: its rows and where the next page is.</summary>
internal static class ODataPage
{
    /// <summary>v1 (OData v3) writes <c>odata.nextLink</c>, v2 (OData v4) <c>@odata.nextLink</c> (reference §5).
    /// Both are accepted whatever the configured version.</summary>
    private static readonly string[] NextLinkNames = ["@odata.nextLink", "odata.nextLink"];

    public static string? NextLink(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in NextLinkNames)
        {
            if (page.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.String)
            {
                var text = link.GetString();
                if (!string.IsNullOrWhiteSpace(text)) return text;
            }
        }
        return null;
    }

    /// <summary>The <c>value</c> array's rows; a single entity (no <c>value</c>) is one row.</summary>
    public static IEnumerable<JsonElement> Rows(JsonElement page)
    {
        if (page.ValueKind == JsonValueKind.Object && page.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().ToArray();
        if (page.ValueKind == JsonValueKind.Array)
            return page.EnumerateArray().ToArray();
        return [page];
    }
}
