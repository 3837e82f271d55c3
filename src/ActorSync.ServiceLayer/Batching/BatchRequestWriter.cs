using System.Text;
using ActorSync.ServiceLayer.Transport;

namespace ActorSync.ServiceLayer.Batching;

/// <summary>A <c>$batch</c> body ready to send, with what the reader needs to map the answer back.</summary>
internal sealed record WrittenBatch(byte[] Body, string ContentType, string Boundary, IReadOnlyList<IReadOnlyList<string>?> ContentIds);

/// <summary>
/// Writes <c>multipart/mixed;boundary=batch_&lt;guid&gt;</c> (reference §7): each changeset a nested
/// <c>multipart/mixed;boundary=changeset_&lt;guid&gt;</c>, each operation an <c>application/http</c> part with
/// <c>Content-Transfer-Encoding: binary</c>, a Content-ID in the part headers (mandatory on v2, harmless on v1; B1SLayer
/// sends it the same way to both), a request line with the full path (<c>POST /b1s/v1/Orders HTTP/1.1</c>) and the JSON
/// body. Lines end in CRLF, as MIME requires.
/// </summary>
internal static class BatchRequestWriter
{
    private const string CrLf = "\r\n";

    public static WrittenBatch Write(BatchRequest batch, ServiceLayerUrls urls, Func<Guid>? newGuid = null)
    {
        newGuid ??= Guid.NewGuid;
        if (batch.PartCount == 0)
            throw new ArgumentException("The batch is empty.", nameof(batch));

        var ids = batch.AssignContentIds();
        var boundary = $"batch_{newGuid():D}";
        using var buffer = new MemoryStream();

        for (var p = 0; p < batch.Parts.Count; p++)
        {
            Text(buffer, $"--{boundary}{CrLf}");
            switch (batch.Parts[p])
            {
                case GetPart get:
                    WriteHttpPart(buffer, contentId: null, "GET", urls.BatchRequestTarget(get.Path), body: null);
                    break;
                case ChangesetPart changeset:
                    var changesetBoundary = $"changeset_{newGuid():D}";
                    Text(buffer, $"Content-Type: multipart/mixed;boundary={changesetBoundary}{CrLf}{CrLf}");
                    for (var o = 0; o < changeset.Operations.Count; o++)
                    {
                        var op = changeset.Operations[o];
                        Text(buffer, $"--{changesetBoundary}{CrLf}");
                        var body = op.Body is null ? null : JsonBodies.Serialize(op.Body);
                        WriteHttpPart(buffer, ids[p]![o], op.Method.Method, urls.BatchRequestTarget(op.Path), body);
                    }
                    Text(buffer, $"--{changesetBoundary}--{CrLf}");
                    break;
            }
        }
        Text(buffer, $"--{boundary}--{CrLf}");

        return new WrittenBatch(buffer.ToArray(), $"multipart/mixed;boundary={boundary}", boundary, ids);
    }

    private static void WriteHttpPart(MemoryStream buffer, string? contentId, string method, string target, byte[]? body)
    {
        Text(buffer, $"Content-Type: application/http{CrLf}Content-Transfer-Encoding: binary{CrLf}");
        if (contentId is not null) Text(buffer, $"Content-ID: {contentId}{CrLf}");
        Text(buffer, CrLf);
        Text(buffer, $"{method} {target} HTTP/1.1{CrLf}");
        if (body is not null)
        {
            Text(buffer, $"Content-Type: application/json;charset=utf-8{CrLf}{CrLf}");
            buffer.Write(body);
            Text(buffer, CrLf);
        }
        else
        {
            // No headers, end of headers, then the CRLF that belongs to the next delimiter: a body-less request
            // (a GET outside a changeset in particular) is followed by two blank lines (reference §7).
            Text(buffer, $"{CrLf}{CrLf}");
        }
    }

    private static void Text(MemoryStream buffer, string text) => buffer.Write(Encoding.UTF8.GetBytes(text));
}
