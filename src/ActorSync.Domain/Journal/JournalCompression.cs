using System.Text;
using ICSharpCode.SharpZipLib.Checksum;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace ActorSync.Domain.Journal;

/// <summary>
/// Deflate with a preset dictionary: an event of a few hundred bytes is mostly field names and values every other
/// event of its area repeats, which plain deflate cannot exploit in so little text, but a dictionary of typical
/// entries can. The stream is zlib's (RFC 1950) with the FDICT flag, so it names its dictionary by Adler-32 and any
/// zlib reader that has the dictionary can read it. A dictionary is part of the format: it is never edited, only
/// followed by a new one (every payload names the one it was written with).
/// </summary>
public sealed class JournalDictionary
{
    public JournalDictionary(string text)
    {
        // Line endings normalised: a checkout that turns LF into CRLF must not change the dictionary.
        Bytes = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"));
        var adler = new Adler32();
        adler.Update(Bytes);
        Id = adler.Value;
    }

    public byte[] Bytes { get; }

    /// <summary>The dictionary's Adler-32, as the zlib header names it.</summary>
    public long Id { get; }

    // A deflater holds about 200 KB of window and hash chains, and an inflater a 32 KB window: made afresh for every
    // event they were most of what the engine allocated per order (issue 12's profile). One of each per thread, reset
    // before use: the output is byte for byte what a fresh one writes (JournalCompressionSpecs).
    [ThreadStatic] private static Deflater? _deflater;
    [ThreadStatic] private static Inflater? _inflater;

    public byte[] Compress(ReadOnlySpan<byte> json, byte header)
    {
        var deflater = _deflater ??= new Deflater(Deflater.BEST_COMPRESSION, noZlibHeaderOrFooter: false);
        deflater.Reset();
        deflater.SetDictionary(Bytes);
        deflater.SetInput(json.ToArray());
        deflater.Finish();
        using var output = new MemoryStream(json.Length / 2 + 16);
        output.WriteByte(header);
        var buffer = new byte[1024];
        while (!deflater.IsFinished)
        {
            var n = deflater.Deflate(buffer);
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    /// <summary>Inflates a zlib stream written with one of <paramref name="dictionaries"/>.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> zlib, IReadOnlyCollection<JournalDictionary> dictionaries)
    {
        var inflater = _inflater ??= new Inflater(noHeader: false);
        inflater.Reset();
        inflater.SetInput(zlib.ToArray());
        using var output = new MemoryStream(zlib.Length * 4);
        var buffer = new byte[4096];
        while (!inflater.IsFinished)
        {
            var n = inflater.Inflate(buffer);
            output.Write(buffer, 0, n);
            if (n > 0) continue;
            if (inflater.IsNeedingDictionary)
            {
                var id = inflater.Adler & 0xFFFFFFFFL; // the header's DICTID, unsigned
                var dictionary = dictionaries.FirstOrDefault(d => d.Id == id)
                                 ?? throw new InvalidDataException($"The payload was written with dictionary {id:x8}, which this contract does not have.");
                inflater.SetDictionary(dictionary.Bytes);
            }
            else if (inflater.IsNeedingInput)
            {
                throw new InvalidDataException("The compressed payload ends early.");
            }
        }
        return output.ToArray();
    }
}
