namespace ActorSync.Channels;

/// <summary>
/// A channel payload that cannot be read: malformed JSON, a required field missing or null, or a field of the wrong
/// type. The message names the channel, the field (as a JSON path) and the problem, e.g.
/// <c>magento payload: items[0].qty_ordered must be a number, was "two"</c>.
/// </summary>
public sealed class ChannelPayloadException(string channel, string field, string problem, Exception? inner = null)
    : Exception($"{channel} payload: {field} {problem}", inner)
{
    public string Channel { get; } = channel;

    /// <summary>JSON path of the offending field (<c>$</c> for the whole document).</summary>
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
