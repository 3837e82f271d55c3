using System.Text;
using ActorSync.Domain.Posting;
using ActorSync.ServiceLayer;
using ActorSync.ServiceLayer.Batching;
using ActorSync.ServiceLayer.Concurrency;
using ActorSync.ServiceLayer.Errors;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Gateway;

/// <summary>
/// The two streams behind the gateway, as plain functions over the Service Layer client:
/// writes grouped into <c>$batch</c> calls with one changeset per document, and look-ups grouped into one query.
/// </summary>
/// <param name="metrics">Documents per entity set and outcome, and SAP's round trips, for Prometheus.</param>
public sealed class GatewayPipeline(ServiceLayerClient client, GatewaySettings settings, ILogger logger, Operations.EngineMetrics? metrics = null)
{
    /// <summary>How many batches may be at SAP at once: adaptive between Gateway:MinSessions and the session cap less the reserve, or fixed.</summary>
    private readonly ConcurrencyGate _gate = settings.Adaptive
        ? ConcurrencyGate.Adaptive(settings.AdaptiveLimit(), change =>
            logger.LogInformation("SAP concurrency limit {From} -> {To}: {Reason}", change.From, change.To, change.Reason))
        : ConcurrencyGate.Fixed(settings.MaxInFlight);

    private long _batches, _sent, _created, _rejected, _uncertain, _notApplied, _resent, _lookUps, _lookUpQueries;

    public GatewayStats Stats => new(Interlocked.Read(ref _batches), Interlocked.Read(ref _sent), Interlocked.Read(ref _created),
        Interlocked.Read(ref _rejected), Interlocked.Read(ref _uncertain), Interlocked.Read(ref _notApplied), Interlocked.Read(ref _resent),
        Interlocked.Read(ref _lookUps), Interlocked.Read(ref _lookUpQueries)) { Concurrency = _gate.View };

    /// <summary>Runs both streams until the materializer stops or one fails; the returned task says which.</summary>
    public Task<Done> Run(ServiceLayerGatewayQueue queue, IMaterializer materializer)
    {
        var writes = ChannelSource.FromReader(queue.Posts)
            .GroupedWithin(settings.MaxBatchSize, settings.BatchWindow)
            // One group at most waits for room under the limit; meanwhile GroupedWithin, without demand, keeps filling the
            // next one, so batches grow while SAP is busy instead of leaving half empty.
            .SelectAsync(1, async batch => (Batch: batch.ToList(), Permit: await _gate.EnterAsync().ConfigureAwait(false)))
            .SelectAsyncUnordered(settings.MaxInFlight, admitted => SendAsync(admitted.Batch, admitted.Permit))
            .RunWith(Sink.Ignore<Done>(), materializer);
        var lookUps = ChannelSource.FromReader(queue.LookUps)
            .GroupedWithin(settings.MaxLookUpsPerQuery, settings.BatchWindow)
            .SelectAsyncUnordered(1, group => LookUpAsync(group.ToList()))
            .RunWith(Sink.Ignore<Done>(), materializer);
        return Task.WhenAny(writes, lookUps).Unwrap();
    }

    /// <summary>
    /// Sends one group of documents. SAP stops a batch at its first failing changeset and skips the rest, so the
    /// skipped documents go again at once in a smaller batch: one bad document never holds back its neighbours.
    /// Never throws: every request gets an answer.
    /// </summary>
    public async Task<Done> SendAsync(IReadOnlyList<PostDocument> group, ConcurrencyGate.Permit? admitted = null)
    {
        var pending = group;
        try
        {
            while (pending.Count > 0)
            {
                var batch = new BatchRequest();
                foreach (var request in pending)
                    batch.AddChangeset(new BatchOperation(HttpMethod.Post, request.Path, request.Document));
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _sent, pending.Count);

                // A re-send of skipped documents keeps this group's place (renewed below): queueing for a new one
                // behind the next group, which may hold the only place, would deadlock the stream at a limit of one.
                var permit = admitted ?? await _gate.EnterAsync().ConfigureAwait(false);
                admitted = null;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                BatchOutcome outcome;
                try
                {
                    outcome = await client.SendBatchAsync(batch).ConfigureAwait(false);
                }
                catch
                {
                    _gate.Leave(permit, LimitSignal.Overloaded, clock.Elapsed);
                    throw;
                }
                // A timeout, a 503 or an open circuit is load, whatever the clock says.
                var (signal, perDocument) = (outcome is BatchOutcome.Completed ? LimitSignal.Answered : LimitSignal.Overloaded, PerDocument(clock.Elapsed, outcome, pending.Count));
                metrics?.BatchTook(clock.Elapsed);
                switch (outcome)
                {
                    case BatchOutcome.Completed completed:
                        var skipped = new List<PostDocument>();
                        for (var i = 0; i < pending.Count; i++)
                        {
                            var part = i < completed.Parts.Count ? completed.Parts[i].Outcome : new WriteOutcome.NotExecuted();
                            if (part is WriteOutcome.NotExecuted) skipped.Add(pending[i]);
                            else Reply(pending[i], OutcomeTranslation.ToPostOutcome(part, pending[i].Kind));
                        }
                        if (skipped.Count == pending.Count)
                        {
                            // SAP decided nothing at all; do not spin. The entities retry after their own wait.
                            foreach (var request in skipped) Reply(request, new PostOutcome.NotApplied("SAP executed no part of the batch.", null));
                            skipped.Clear();
                        }
                        Interlocked.Add(ref _resent, skipped.Count);
                        pending = skipped;
                        break;
                    case BatchOutcome.Uncertain uncertain:
                        foreach (var request in pending) Reply(request, new PostOutcome.Uncertain(uncertain.Reason));
                        pending = [];
                        break;
                    case BatchOutcome.NotApplied notApplied:
                        foreach (var request in pending) Reply(request, new PostOutcome.NotApplied(notApplied.Reason, notApplied.RetryAfter));
                        pending = [];
                        break;
                }
                if (pending.Count > 0) admitted = _gate.Renew(permit, signal, perDocument);
                else _gate.Leave(permit, signal, perDocument);
            }
        }
        catch (Exception ex)
        {
            if (admitted is { } held) _gate.Leave(held, LimitSignal.Overloaded, TimeSpan.Zero);
            // The client turns SAP's answers into outcomes; an exception here is ours, and the bytes may have left.
            logger.LogError(ex, "Batch of {Count} documents failed unexpectedly; their outcome is uncertain", pending.Count);
            foreach (var request in pending) Reply(request, new PostOutcome.Uncertain($"Gateway error: {ex.GetType().Name}"));
        }
        return Done.Instance;
    }

    /// <summary>
    /// What one document cost SAP in this batch, for the adaptive limit: a batch of fifty takes fifty times one. SAP
    /// stops at the first failing changeset and skips the rest, so only the documents it executed count: a batch
    /// refused at its third document by a held row was quick because SAP did three documents, not fifty. Dividing by
    /// fifty once taught the limit an "unloaded" latency six times too low, and every normal batch after it looked
    /// like SAP queueing: the limit sat at its minimum long after the locks were gone.
    /// </summary>
    public static TimeSpan PerDocument(TimeSpan elapsed, BatchOutcome outcome, int sent)
    {
        var executed = outcome is BatchOutcome.Completed completed
            ? Enumerable.Range(0, sent).Count(i => i < completed.Parts.Count && completed.Parts[i].Outcome is not WriteOutcome.NotExecuted)
            : sent;
        return elapsed / Math.Max(1, executed);
    }

    /// <summary>
    /// Finds documents by their key: one query per entity set and key field for the whole group (split only when the
    /// values are long enough to make the URL too long for SAP's web server).
    /// </summary>
    public async Task<Done> LookUpAsync(IReadOnlyList<LookUpDocument> group)
    {
        foreach (var set in group.GroupBy(r => (r.Key.EntitySet, r.Key.Field)))
        foreach (var requests in ChunkByFilterLength(set.ToList()))
        {
            Interlocked.Add(ref _lookUps, requests.Count);
            Interlocked.Increment(ref _lookUpQueries);
            var (entitySet, keyField) = set.Key;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var found = new Dictionary<string, (int Entry, int Num)>(StringComparer.Ordinal);
                await foreach (var row in client.QueryAsync(BuildLookUpQuery(entitySet, keyField, requests.Select(r => r.Key.Value))).ConfigureAwait(false))
                {
                    if (!row.TryGetProperty(keyField, out var value) || value.ValueKind != System.Text.Json.JsonValueKind.String || value.GetString() is not { } key) continue;
                    if (!OutcomeTranslation.TryReadKeys(row, out var entry, out var num)) continue;
                    // Two documents with one key means a duplicate already exists (perhaps made by hand); keep the first.
                    if (found.TryGetValue(key, out var existing) && existing.Entry <= entry) continue;
                    found[key] = (entry, num);
                }
                metrics?.LookUpTook(clock.Elapsed);
                foreach (var request in requests)
                {
                    LookupOutcome outcome = found.TryGetValue(request.Key.Value, out var doc)
                        ? new LookupOutcome.Found(doc.Entry, doc.Num)
                        : new LookupOutcome.Absent();
                    request.ReplyTo.Tell(new DocumentLookedUp(request.CorrelationId, request.Attempt, outcome));
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning("Look-up of {Count} {Set} by {Field} failed: {Reason}", requests.Count, entitySet, keyField, ex.Message);
                foreach (var request in requests)
                    request.ReplyTo.Tell(new DocumentLookedUp(request.CorrelationId, request.Attempt, new LookupOutcome.Failed(ex.Message)));
            }
        }
        return Done.Instance;
    }

    /// <summary>Escaped filter text one look-up query may carry: well under the 8 KB request line SAP's Apache accepts.</summary>
    public const int MaxLookUpFilterLength = 3000;

    /// <summary>Splits requests so that no query's escaped filter exceeds <see cref="MaxLookUpFilterLength"/> (short keys such as NumAtCards never split).</summary>
    internal static IEnumerable<List<LookUpDocument>> ChunkByFilterLength(List<LookUpDocument> requests)
    {
        var chunk = new List<LookUpDocument>();
        var length = 0;
        foreach (var request in requests)
        {
            var term = Uri.EscapeDataString($" or {request.Key.Field} eq '{request.Key.Value.Replace("'", "''")}'").Length;
            if (chunk.Count > 0 && length + term > MaxLookUpFilterLength)
            {
                yield return chunk;
                (chunk, length) = ([], 0);
            }
            chunk.Add(request);
            length += term;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    /// <summary><c>Orders?$select=DocEntry,DocNum,NumAtCard&amp;$filter=NumAtCard eq 'A' or NumAtCard eq 'B'</c>, escaped.</summary>
    public static string BuildLookUpQuery(string entitySet, IEnumerable<string> numAtCards) => BuildLookUpQuery(entitySet, "NumAtCard", numAtCards);

    /// <summary><c>IncomingPayments?$select=DocEntry,DocNum,Remarks&amp;$filter=Remarks eq 'A' or Remarks eq 'B'</c>, escaped.</summary>
    public static string BuildLookUpQuery(string entitySet, string keyField, IEnumerable<string> values)
    {
        var filter = new StringBuilder();
        foreach (var value in values.Distinct())
        {
            if (filter.Length > 0) filter.Append(" or ");
            filter.Append(keyField).Append(" eq '").Append(value.Replace("'", "''")).Append('\'');
        }
        return $"{entitySet}?$select=DocEntry,DocNum,{keyField}&$filter={Uri.EscapeDataString(filter.ToString())}";
    }

    /// <summary>
    /// Told of every document SAP took (on the stream's thread; it must be quick and never throw): stock publishing
    /// reads the items it moved at once instead of waiting for its next audit poll.
    /// </summary>
    public Action<PostDocument>? Posted { get; set; }

    private void Reply(PostDocument request, PostOutcome outcome)
    {
        switch (outcome)
        {
            case PostOutcome.Created or PostOutcome.Applied:
                Interlocked.Increment(ref _created);
                try
                {
                    Posted?.Invoke(request);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Telling stock publishing about a posted document failed");
                }

                break;
            case PostOutcome.Rejected: Interlocked.Increment(ref _rejected); break;
            case PostOutcome.Uncertain: Interlocked.Increment(ref _uncertain); break;
            case PostOutcome.NotApplied: Interlocked.Increment(ref _notApplied); break;
        }
        metrics?.DocumentAnswered(request.Path, outcome);
        request.ReplyTo.Tell(new DocumentPosted(request.CorrelationId, request.Attempt, outcome));
    }
}
