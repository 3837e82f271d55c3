namespace ActorSync.Channels.Outbound;

/// <summary>What every publisher checks of a notice before calling the channel.</summary>
internal static class NoticeChecks
{
    /// <summary>The notice's lines added up per SKU (first-seen order), or a Rejected outcome thrown.</summary>
    public static IReadOnlyList<(string Sku, decimal Quantity)> Lines(ShipmentNotice notice, string channel)
    {
        static OutcomeException Reject(string reason) => new(new ShipmentPublishOutcome.Rejected(reason));

        if (!string.Equals(notice.Channel, channel, StringComparison.OrdinalIgnoreCase))
            throw Reject($"The {channel} publisher was given dispatch {notice.DispatchId} of a '{notice.Channel}' order.");
        if (string.IsNullOrWhiteSpace(notice.OrderExternalId))
            throw Reject($"{channel} dispatch {notice.DispatchId} names no order.");
        if (string.IsNullOrWhiteSpace(notice.DispatchId) || notice.DispatchId.Any(char.IsControl) || notice.DispatchId.Trim() != notice.DispatchId)
            throw Reject($"{channel} order {notice.OrderExternalId}: the dispatch id must be non-empty, on one line, without surrounding spaces (it is written into the shipment's comment).");
        if (notice.Lines is null || notice.Lines.IsEmpty)
            throw Reject($"{channel} order {notice.OrderExternalId} dispatch {notice.DispatchId} has no lines.");

        var totals = new List<(string Sku, decimal Quantity)>();
        for (var i = 0; i < notice.Lines.Count; i++)
        {
            var line = notice.Lines[i];
            if (line is null || string.IsNullOrWhiteSpace(line.Sku))
                throw Reject($"{channel} order {notice.OrderExternalId} dispatch {notice.DispatchId}: line {i + 1} has no SKU.");
            if (line.Quantity <= 0)
                throw Reject($"{channel} order {notice.OrderExternalId} dispatch {notice.DispatchId}: line {i + 1} ({line.Sku}) has quantity {line.Quantity}; it must be positive.");
            var at = totals.FindIndex(t => t.Sku == line.Sku);
            if (at < 0)
                totals.Add((line.Sku, line.Quantity));
            else
                totals[at] = (line.Sku, totals[at].Quantity + line.Quantity);
        }

        return totals;
    }
}
