using System.Text;
using ActorSync.ServiceLayer.Errors;
using ActorSync.ServiceLayer.Transport;

namespace ActorSync.ServiceLayer.Batching;

/// <summary>
/// Maps a <c>$batch</c> answer back onto the request (reference §7), for both wire formats:
/// v1 answers 202 with the Content-ID among the embedded HTTP headers, v2 answers 200 with it in the MIME part
/// headers. A successful changeset comes back as a nested multipart with one response per operation; a failed one as
/// a single error response (or a nested multipart holding an error). SAP stops at the first failure, so the answer
/// can have fewer parts than the request: the missing ones were never executed.
/// </summary>
internal static class BatchResponseReader
{
    /// <summary>Throws <see cref="FormatException"/> when the body is not a readable multipart answer.</summary>
    public static IReadOnlyList<BatchPartResult> Read(
        string? contentType, byte[] body, BatchRequest request, IReadOnlyList<IReadOnlyList<string>?> contentIds,
        ErrorClassificationTable errors, out int answeredParts)
    {
        var text = Encoding.UTF8.GetString(body);
        var boundary = MultipartText.BoundaryOf(contentType) ?? MultipartText.SniffBoundary(text)
            ?? throw new FormatException("The batch answer names no multipart boundary.");
        var answers = MultipartText.Split(text, boundary);
        answeredParts = answers.Count;

        var results = new List<BatchPartResult>(request.PartCount);
        for (var i = 0; i < request.PartCount; i++)
        {
            if (i >= answers.Count)
            {
                var count = request.Parts[i] is ChangesetPart c ? c.Operations.Count : 1;
                results.Add(new BatchPartResult(i, WriteOutcome.NotExecuted.Instance,
                    Enumerable.Repeat<WriteOutcome>(WriteOutcome.NotExecuted.Instance, count).ToArray()));
                continue;
            }
            results.Add(request.Parts[i] switch
            {
                ChangesetPart changeset => ReadChangeset(i, answers[i], changeset, contentIds[i]!, errors),
                _ => ReadGet(i, answers[i], errors),
            });
        }
        return results;
    }

    private static BatchPartResult ReadGet(int index, MimePart answer, ErrorClassificationTable errors)
    {
        var responses = Responses(answer);
        if (responses.Count == 0)
            throw new FormatException($"Batch part {index} holds no HTTP response.");
        var outcome = ToOutcome(responses[0].Response, errors);
        return new BatchPartResult(index, outcome, [outcome]);
    }

    private static BatchPartResult ReadChangeset(int index, MimePart answer, ChangesetPart changeset, IReadOnlyList<string> ids, ErrorClassificationTable errors)
    {
        var responses = Responses(answer);
        var opCount = changeset.Operations.Count;

        // Atomic: one failure means SAP rolled back the whole changeset, so every operation reports that error.
        var failure = responses.FirstOrDefault(r => r.Response.Status is < 200 or > 299);
        if (failure is not null)
        {
            var rejected = ToOutcome(failure.Response, errors);
            return new BatchPartResult(index, rejected, Enumerable.Repeat(rejected, opCount).ToArray());
        }

        var outcomes = new WriteOutcome?[opCount];
        var byId = ids.Select((id, op) => (id, op)).ToDictionary(x => x.id, x => x.op, StringComparer.Ordinal);
        var unmatched = new List<EmbeddedResponse>();
        foreach (var (response, contentId) in responses)
        {
            if (contentId is not null && byId.TryGetValue(contentId, out var op) && outcomes[op] is null)
                outcomes[op] = ToOutcome(response, errors);
            else
                unmatched.Add(response);
        }
        // Answers without a (known) Content-ID fill the remaining operations in order.
        var next = 0;
        foreach (var response in unmatched)
        {
            while (next < opCount && outcomes[next] is not null) next++;
            if (next == opCount) break;
            outcomes[next] = ToOutcome(response, errors);
        }

        var final = outcomes.Select(o => o ?? new WriteOutcome.Uncertain(
            "SAP's answer to this changeset has no response for this operation")).ToArray();
        var overall = final.All(o => o is WriteOutcome.Succeeded)
            ? final[0]
            : new WriteOutcome.Uncertain($"SAP answered {responses.Count} of {opCount} operations of this changeset");
        return new BatchPartResult(index, overall, final);
    }

    private sealed record AnsweredResponse(EmbeddedResponse Response, string? ContentId);

    /// <summary>The HTTP responses inside one top-level answer part: itself, or the parts of a nested multipart.</summary>
    private static List<AnsweredResponse> Responses(MimePart part)
    {
        var contentType = part.Header("Content-Type");
        if (MultipartText.IsMultipart(contentType))
        {
            var boundary = MultipartText.BoundaryOf(contentType) ?? MultipartText.SniffBoundary(part.Body)
                ?? throw new FormatException("A nested changeset answer names no boundary.");
            return MultipartText.Split(part.Body, boundary).Select(Single).ToList();
        }
        return [Single(part)];

        static AnsweredResponse Single(MimePart p)
        {
            var response = MultipartText.ParseHttpResponse(p.Body);
            // v2 puts the Content-ID in the MIME headers, v1 among the embedded HTTP headers (reference §7).
            return new AnsweredResponse(response, p.Header("Content-ID") ?? response.Header("Content-ID"));
        }
    }

    private static WriteOutcome ToOutcome(EmbeddedResponse response, ErrorClassificationTable errors)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        if (response.Status is >= 200 and <= 299)
            return new WriteOutcome.Succeeded(response.Status, JsonBodies.Parse(body), response.Header("Location"));
        return new WriteOutcome.Rejected(ServiceLayerErrorParser.ToError(response.Status, response.ReasonPhrase, body, errors));
    }
}
