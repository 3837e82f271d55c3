using System.Text;
using ActorSync.Domain.Journal;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace ActorSync.Domain.Tests.Journal;

/// <summary>
/// The compressor and decompressor are kept per thread and reset before each use (they were most of what the engine
/// allocated per order): what they write and read must not depend on what they handled before.
/// </summary>
public sealed class JournalCompressionSpecs
{
    private const byte Header = 0x7D;

    private static readonly JournalDictionary Orders = new("""{"Order":{"Channel":"magento","Lines":[{"Sku":"","Quantity":1,"UnitPrice":0,"TaxAmount":0,"TaxRate":20}]},"Currency":"EUR"}""");
    private static readonly JournalDictionary Stock = new("""{"ItemCode":"","WarehouseCode":"01","Available":0,"Told":{"sitoo":0,"magento":0}}""");

    private static readonly string[] Payloads =
    [
        """{"Order":{"Channel":"magento","Id":"100017","Lines":[{"Sku":"A00017","Quantity":2,"UnitPrice":48.37,"TaxAmount":19.35,"TaxRate":20},{"Sku":"A00412","Quantity":1,"UnitPrice":7.99,"TaxAmount":0.40,"TaxRate":5}]},"Currency":"EUR","Total":140.68}""",
        """{"Order":{"Channel":"bigcommerce","Id":"9"},"Currency":"EUR"}""",
        """{"ItemCode":"A00017","WarehouseCode":"02","Available":13.5,"Told":{"sitoo":12,"magento":13.5}}""",
        string.Concat(Enumerable.Range(1, 60).Select(i => $$"""{"Sku":"A{{i:00000}}","Quantity":{{i % 3 + 1}},"UnitPrice":{{i * 1.37m}},"TaxRate":{{(i % 3 == 0 ? 0 : i % 3 == 1 ? 20 : 5)}}},""")),
    ];

    /// <summary>What a compressor made for this one payload alone writes: the format's reference.</summary>
    private static byte[] Fresh(JournalDictionary dictionary, string text)
    {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION, noZlibHeaderOrFooter: false);
        deflater.SetDictionary(dictionary.Bytes);
        deflater.SetInput(Encoding.UTF8.GetBytes(text));
        deflater.Finish();
        using var output = new MemoryStream();
        output.WriteByte(Header);
        var buffer = new byte[64];
        while (!deflater.IsFinished) output.Write(buffer, 0, deflater.Deflate(buffer));
        return output.ToArray();
    }

    [Fact]
    public void Each_payload_compresses_to_what_a_fresh_compressor_writes_whatever_came_before_it()
    {
        // Longest first, then shorter ones, then the longest again, alternating dictionaries: nothing may carry over.
        var sequence = Payloads.Reverse().Concat(Payloads).Concat(Payloads.Reverse()).ToList();
        for (var i = 0; i < sequence.Count; i++)
        {
            var dictionary = i % 2 == 0 ? Orders : Stock;
            Assert.Equal(Fresh(dictionary, sequence[i]), dictionary.Compress(Encoding.UTF8.GetBytes(sequence[i]), Header));
        }
    }

    [Fact]
    public void Payloads_written_with_different_dictionaries_read_back_in_any_order()
    {
        var written = Payloads.SelectMany(p => new[] { (Text: p, Bytes: Orders.Compress(Encoding.UTF8.GetBytes(p), Header)), (Text: p, Bytes: Stock.Compress(Encoding.UTF8.GetBytes(p), Header)) }).ToList();
        foreach (var (text, bytes) in written.AsEnumerable().Reverse().Concat(written))
        {
            Assert.Equal(Header, bytes[0]);
            Assert.Equal(text, Encoding.UTF8.GetString(JournalDictionary.Decompress(bytes.AsSpan(1), [Stock, Orders])));
        }
    }

    [Fact]
    public void A_payload_that_fails_to_read_leaves_the_next_one_readable()
    {
        var good = Orders.Compress(Encoding.UTF8.GetBytes(Payloads[0]), Header);
        var truncated = good[1..^6];
        Assert.Throws<InvalidDataException>(() => JournalDictionary.Decompress(truncated, [Orders]));
        var unknown = Stock.Compress(Encoding.UTF8.GetBytes(Payloads[2]), Header);
        var refused = Assert.Throws<InvalidDataException>(() => JournalDictionary.Decompress(unknown.AsSpan(1), [Orders]));
        Assert.Contains($"{Stock.Id:x8}", refused.Message);
        Assert.Equal(Payloads[0], Encoding.UTF8.GetString(JournalDictionary.Decompress(good.AsSpan(1), [Orders])));
    }

    [Fact]
    public void Threads_compressing_at_once_each_write_what_one_thread_alone_writes()
    {
        var expected = Payloads.Select(p => Fresh(Orders, p)).ToArray();
        var results = new byte[8 * 200][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var bytes = Orders.Compress(Encoding.UTF8.GetBytes(Payloads[i % Payloads.Length]), Header);
            Assert.Equal(Payloads[i % Payloads.Length], Encoding.UTF8.GetString(JournalDictionary.Decompress(bytes.AsSpan(1), [Orders])));
            results[i] = bytes;
        });
        for (var i = 0; i < results.Length; i++) Assert.Equal(expected[i % Payloads.Length], results[i]);
    }
}
