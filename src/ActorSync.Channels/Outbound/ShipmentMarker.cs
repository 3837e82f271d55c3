namespace ActorSync.Channels.Outbound;

/// <summary>
/// How a channel shipment says which dispatch it records: its comment holds the line
/// <c>ActorSync dispatch &lt;DispatchId&gt;</c>. A shipment is ours when one of its comment's lines, trimmed, is
/// exactly that text, so dispatch 12 is never mistaken for dispatch 123, and a merchant may add lines around it.
/// Tracking numbers are not used: two dispatches can share one, and a dispatch may have none.
/// </summary>
public static class ShipmentMarker
{
    public const string Prefix = "ActorSync dispatch ";

    public static string For(string dispatchId) => Prefix + dispatchId;

    public static bool Marks(string? comment, string dispatchId)
    {
        if (string.IsNullOrEmpty(comment))
            return false;
        var marker = For(dispatchId);
        foreach (var line in comment.Split('\n'))
        {
            if (string.Equals(line.Trim(), marker, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
