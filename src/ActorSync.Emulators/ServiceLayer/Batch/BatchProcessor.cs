using ActorSync.Emulators.ServiceLayer.Engine;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Batch;

/// <summary>
/// <c>POST /b1s/v{1,2}/$batch</c> (reference §7):
/// <list type="bullet">
/// <item>parts run in order; GETs outside changesets, writes inside (a lone write outside a changeset runs as its
///   own changeset);</item>
/// <item>a changeset is atomic; <c>$n</c> refers to the entity created by the part with Content-ID n;</item>
/// <item>SAP stops at the first failing part: later parts are not executed and the answer has fewer parts; a
///   failed changeset yields one error part (written directly in the batch response, not inside a
///   changesetresponse, as OData v3 services do);</item>
/// <item>the answer is 202 (v1) / 200 (v2) even when parts failed; v2 requires Content-ID on changeset parts
///   (else 400, code 244 "Content ID should be specified in each change set request.", B1SLayer issue #8).</item>
/// </list>
/// </summary>
internal sealed class BatchProcessor(ServiceLayerEmulatorState state, ServiceLayerEngine engine, WritePipeline writes)
{
    public async Task<SlResponse> ExecuteAsync(SlRequest request, CancellationToken cancellationToken)
    {
        state.Stats.Batch();
        var boundary = MultipartBatchReader.Boundary(request.Header("Content-Type"))
            ?? throw SapErrors.BadQuery("A $batch request needs Content-Type: multipart/mixed; boundary=...");
        var parts = MultipartBatchReader.Read(request.Body, boundary);
        if (request.Version == ODataVersion.V2 &&
            parts.OfType<ChangesetPart>().SelectMany(c => c.Requests).Any(r => string.IsNullOrEmpty(r.ContentId)))
        {
            throw new SapException(400, SapErrors.MissingContentIdCode, "Content ID should be specified in each change set request.");
        }

        await state.Capacity.OccupyAsync(o => o.BatchOverhead, cancellationToken).ConfigureAwait(false);
        var writer = new MultipartBatchWriter(request.Version);
        var createdSets = new List<string>();
        foreach (var part in parts)
        {
            bool failed;
            switch (part)
            {
                case SingleRequestPart { Request.Method: "GET" } single:
                    failed = await ReadAsync(request, single.Request, writer, cancellationToken).ConfigureAwait(false);
                    break;
                case SingleRequestPart single:
                    state.Stats.Changeset();
                    failed = await ChangesetAsync(request, [single.Request], writer, createdSets, wrap: false, cancellationToken).ConfigureAwait(false);
                    break;
                case ChangesetPart changeset:
                    state.Stats.Changeset();
                    if (changeset.Requests.Any(r => r.Method == "GET"))
                    {
                        writer.Single(Inner(engine.Error(SapErrors.BadQuery("A changeset may not contain GET requests"), request.Version), null));
                        failed = true;
                        break;
                    }

                    failed = await ChangesetAsync(request, changeset.Requests, writer, createdSets, wrap: true, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    failed = true;
                    break;
            }

            if (failed)
            {
                break; // SAP stops processing at the first failing part.
            }
        }

        var response = new SlResponse
        {
            Status = request.Version == ODataVersion.V1 ? 202 : 200,
            ContentType = "multipart/mixed;boundary=" + writer.Boundary,
            Body = writer.Finish(),
        };
        response.Headers.Add(request.Version.ProtocolHeader());
        response.CreatedSets.AddRange(createdSets);
        return response;
    }

    private async Task<bool> ReadAsync(SlRequest batch, BatchRequestPart part, MultipartBatchWriter writer, CancellationToken cancellationToken)
    {
        var (path, query) = SplitUrl(part.Url, batch.Version);
        var sub = new SlRequest
        {
            Method = "GET",
            Version = batch.Version,
            Path = path,
            Query = query,
            Headers = part.Headers,
            BaseAddress = batch.BaseAddress,
            SessionId = batch.SessionId,
        };
        SlResponse response;
        try
        {
            response = await engine.ReadAsync(sub, cancellationToken).ConfigureAwait(false);
        }
        catch (SapException error)
        {
            response = engine.Error(error, batch.Version);
        }

        writer.Single(Inner(response, part.ContentId));
        return response.Status >= 400;
    }

    private async Task<bool> ChangesetAsync(SlRequest batch, IReadOnlyList<BatchRequestPart> parts, MultipartBatchWriter writer,
        List<string> createdSets, bool wrap, CancellationToken cancellationToken)
    {
        var operations = parts.Select(p =>
        {
            var (path, _) = SplitUrl(p.Url, batch.Version);
            return new WriteOperation { Method = p.Method, Path = path, ContentId = p.ContentId, Body = p.Body, Headers = p.Headers };
        }).ToList();
        var outcome = await writes.ExecuteAsync(operations, batch.Version, batch.BaseAddress, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            var error = engine.Error(outcome.Error!, batch.Version);
            writer.Single(Inner(error, operations[outcome.FailedIndex].ContentId));
            return true;
        }

        createdSets.AddRange(outcome.CreatedSets);
        var responses = outcome.Results.Select((result, i) => Inner(ServiceLayerEngine.ToResponse(result, operations[i], batch.Version), operations[i].ContentId)).ToList();
        if (wrap)
        {
            writer.Changeset(responses);
        }
        else
        {
            writer.Single(responses[0]);
        }

        return false;
    }

    private static MultipartBatchWriter.InnerResponse Inner(SlResponse response, string? contentId) =>
        new(response.Status, response.Headers, response.ContentType, response.Body, contentId);

    /// <summary>
    /// Sub-request URLs may be absolute ("https://host:50000/b1s/v2/Orders"), absolute paths ("/b1s/v2/Orders"),
    /// relative ("Orders") or references ("$1/Close"). Returns the decoded path below the service root and the raw query.
    /// </summary>
    internal static (string Path, string Query) SplitUrl(string url, ODataVersion version)
    {
        if (url.Contains("://", StringComparison.Ordinal))
        {
            var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
            var slash = url.IndexOf('/', afterScheme);
            url = slash < 0 ? "/" : url[slash..];
        }

        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var query = question < 0 ? "" : url[(question + 1)..];
        var root = "/b1s/" + version.Segment() + "/";
        if (path.StartsWith(root, StringComparison.Ordinal))
        {
            path = path[root.Length..];
        }

        return (Uri.UnescapeDataString(path.TrimStart('/')), query);
    }
}
