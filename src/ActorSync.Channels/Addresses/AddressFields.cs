using System.Text.Json;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Addresses;

/// <summary>
/// Reading address fields the way channels send them: strings, sometimes numbers (a postcode or phone typed as a
/// number), often empty strings for "none" (Sitoo's cash sales, BigCommerce's <c>street_2</c>). Values are kept as sent
/// apart from trimming; checking them is the engine's job (<c>AddressChecks</c>), so a bad address parks with its
/// problems named instead of failing the whole record here.
/// </summary>
public static class AddressFields
{
    /// <summary>The field's text, null when absent, null or blank; a number is read as its digits.</summary>
    public static string? Text(PayloadNode? node, string name)
    {
        if (node is not { IsObject: true } parent || parent.Optional(name) is not { } field) return null;
        var text = field.Kind switch
        {
            JsonValueKind.String => field.Element.GetString(),
            JsonValueKind.Number => field.Element.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw field.Error($"must be text, was {field.Describe()}"),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>"First Last", either part may be missing; null when both are.</summary>
    public static string? Name(string? first, string? last)
    {
        var name = string.Join(' ', new[] { first, last }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        return name.Length == 0 ? null : name;
    }

    /// <summary>Street lines after the first, joined with ", " (SAP has one more street field, its block).</summary>
    public static string? Rest(IEnumerable<string?> lines)
    {
        var rest = string.Join(", ", lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim()));
        return rest.Length == 0 ? null : rest;
    }

    /// <summary>The address, or null when the channel sent every place field empty.</summary>
    public static PostalAddress? OrNull(PostalAddress address) => address.IsEmpty ? null : address;

    /// <summary>The buyer, or null when nothing identifies them (a cash sale with empty names and no e-mail).</summary>
    public static OrderBuyer? OrNull(OrderBuyer buyer) =>
        buyer.Name is null && buyer.Company is null && buyer.Email is null && buyer.Phone is null ? null : buyer;
}
