using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Operations;
using ActorSync.Domain.Posting;
using Prometheus;

namespace ActorSync.Engine.Operations;

/// <summary>
/// The engine's Prometheus metrics, in a registry of its own per host (never prometheus-net's process-wide default:
/// two hosts in one process, as in the specs, must not add up). Counters are fed where things happen (the entities'
/// journaled events, the gateway's answers); gauges are read when scraped (<see cref="MetricsScrape"/>). Every name
/// is <c>actorsync_*</c> and the README's metrics table describes each.
/// </summary>
public sealed class EngineMetrics
{
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    private readonly Counter _ordersReceived, _ordersPosted, _received, _posted, _parked, _lockRetries, _sapDocuments;
    private readonly Histogram _batchSeconds, _lookUpSeconds, _postDelay;
    internal readonly Gauge QueueDepth, BatchesInFlight, BatchesWaiting, ConcurrencyLimit, SessionsInUse, SessionsOpen, SessionCapacity, CircuitOpen,
        LoginRefused, ExceptionsOpen, InboxPending, InboxParked, CursorLag, Unfinished, ReconciliationFindings;

    public EngineMetrics()
    {
        var f = Metrics.WithCustomRegistry(Registry);
        _ordersReceived = f.CreateCounter("actorsync_orders_received_total", "Channel orders journaled for the first time, per channel (redeliveries not counted).", ["channel"]);
        _ordersPosted = f.CreateCounter("actorsync_orders_posted_total", "Sales orders SAP now holds, per channel (posted, or found by look-up after an uncertain answer).", ["channel"]);
        _received = f.CreateCounter("actorsync_flow_records_received_total", "Records journaled for the first time, per flow (orders, pos, warehouse) and source.", ["flow", "source"]);
        _posted = f.CreateCounter("actorsync_flow_documents_posted_total", "SAP documents a flow's records now have, per flow.", ["flow"]);
        _parked = f.CreateCounter("actorsync_flow_parked_total", "Work parked for an operator, per flow and exception type.", ["flow", "type"]);
        _lockRetries = f.CreateCounter("actorsync_lock_retries_total", "SAP answers that records were locked by someone else, each followed by a wait and a retry, per flow.", ["flow"]);
        _sapDocuments = f.CreateCounter("actorsync_sap_documents_total", "Answers to document posts through the gateway, per entity set (document type) and outcome.", ["entity_set", "outcome"]);
        _batchSeconds = f.CreateHistogram("actorsync_sap_batch_duration_seconds", "Round trip of one $batch call to the Service Layer.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.025, 2, 12) });
        _lookUpSeconds = f.CreateHistogram("actorsync_sap_lookup_duration_seconds", "Round trip of one look-up query (documents by their key) to the Service Layer.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.025, 2, 10) });
        _postDelay = f.CreateHistogram("actorsync_flow_post_delay_seconds", "Seconds from a record's journaling to its first SAP document, per flow (records received and posted on this node).",
            new HistogramConfiguration { LabelNames = ["flow"], Buckets = Histogram.ExponentialBuckets(0.1, 2, 14) });
        QueueDepth = f.CreateGauge("actorsync_gateway_queue_depth", "Requests waiting in this node's gateway queue for the stream (not yet at SAP).");
        BatchesInFlight = f.CreateGauge("actorsync_sap_batches_in_flight", "Batches at SAP now from this node.");
        BatchesWaiting = f.CreateGauge("actorsync_sap_batches_waiting", "Batches waiting for room under the concurrency limit.");
        ConcurrencyLimit = f.CreateGauge("actorsync_sap_concurrency_limit", "The adaptive limit on batches at SAP at once (the fixed limit when Gateway:Adaptive is false).");
        SessionsInUse = f.CreateGauge("actorsync_sap_sessions_in_use", "Service Layer sessions leased to a request now.");
        SessionsOpen = f.CreateGauge("actorsync_sap_sessions_open", "Service Layer sessions logged in (in use or idle).");
        SessionCapacity = f.CreateGauge("actorsync_sap_sessions_capacity", "The most sessions this node may hold (Gateway:Sessions + 1 for look-ups).");
        CircuitOpen = f.CreateGauge("actorsync_sap_circuit_open", "1 while the circuit to SAP is open or half-open (requests wait), else 0.");
        LoginRefused = f.CreateGauge("actorsync_sap_login_refused", "1 while SAP has refused the integration user's login and logins are stopped, else 0.");
        ReconciliationFindings = f.CreateGauge("actorsync_reconciliation_findings",
            "Findings of the latest completed reconciliation run, per kind (its exception type); served by the node that holds the reconciliation singleton.", ["kind"]);
        ExceptionsOpen = f.CreateGauge("actorsync_exceptions_open", "Open exceptions in the queue, per type and owning team (cluster-wide).", ["type", "team"]);
        InboxPending = f.CreateGauge("actorsync_connector_inbox_pending", "Entries of a connector's durable inbox not yet done or parked, per source (cluster-wide).", ["source"]);
        InboxParked = f.CreateGauge("actorsync_connector_inbox_parked", "Entries of a connector's inbox parked for an operator, per source.", ["source"]);
        CursorLag = f.CreateGauge("actorsync_connector_cursor_lag_seconds",
            "Seconds since a channel poll last read everything its channel had (within one poll interval while it keeps up), per poll; served by the node running the poll.", ["poll"]);
        Unfinished = f.CreateGauge("actorsync_flow_unfinished", "Records that still owe SAP work, per flow (cluster-wide, from the unfinished-entities index).", ["flow"]);
        // The stock publishers are cluster singletons: their figures are gauges, read from them at each scrape, and
        // start again from their journal's count when a publisher moves to another node.
        StockChangesSeen = f.CreateGauge("actorsync_stock_changes_seen", "Changes of what a channel location should show that reached its publisher, per channel.", ["channel"]);
        StockItemsSent = f.CreateGauge("actorsync_stock_items_sent", "SKU × location quantities sent to the channel, per channel (fewer than the changes seen: coalescing).", ["channel"]);
        StockCalls = f.CreateGauge("actorsync_stock_calls", "Stock calls made to the channel's API, per channel.", ["channel"]);
        StockOwed = f.CreateGauge("actorsync_stock_owed", "SKU × location quantities the channel does not have yet, per channel.", ["channel"]);
        StockRateLimited = f.CreateGauge("actorsync_stock_rate_limited", "429 answers the publisher met, per channel.", ["channel"]);
        StockPublishLag = f.CreateGauge("actorsync_stock_publish_lag_seconds", "From SAP's change seen to the channel taking it, sampled this run, per channel and quantile (0.5, 0.99).", ["channel", "quantile"]);
    }

    internal Gauge StockChangesSeen { get; }
    internal Gauge StockItemsSent { get; }
    internal Gauge StockCalls { get; }
    internal Gauge StockOwed { get; }
    internal Gauge StockRateLimited { get; }
    internal Gauge StockPublishLag { get; }

    /// <summary>One observation of an entity's journaled events.</summary>
    public void Observe(FlowObservation observation, TimeSpan? delay)
    {
        switch (observation)
        {
            case FlowObservation.Received r:
                _received.WithLabels(r.Flow, r.Source).Inc();
                if (r.Flow == FlowObservations.Orders) _ordersReceived.WithLabels(r.Source).Inc();
                break;
            case FlowObservation.Posted p:
                _posted.WithLabels(p.Flow).Inc();
                if (p.Flow == FlowObservations.Orders && p.Document == FlowObservations.SalesOrder) _ordersPosted.WithLabels(ChannelOf(p.EntityId)).Inc();
                if (delay is { } d) _postDelay.WithLabels(p.Flow).Observe(d.TotalSeconds);
                break;
            case FlowObservation.Parked x:
                _parked.WithLabels(x.Flow, x.Type).Inc();
                break;
            case FlowObservation.LockWait l:
                _lockRetries.WithLabels(l.Flow).Inc();
                break;
        }
    }

    /// <summary>The gateway's answer to one document post.</summary>
    public void DocumentAnswered(string path, PostOutcome outcome) =>
        _sapDocuments.WithLabels(EntitySetOf(path), outcome switch
        {
            PostOutcome.Created or PostOutcome.Applied => "created",
            PostOutcome.Rejected { Kind: RejectionKind.LockConflict } => "locked",
            PostOutcome.Rejected => "rejected",
            PostOutcome.Uncertain => "uncertain",
            _ => "not-applied",
        }).Inc();

    public void BatchTook(TimeSpan elapsed) => _batchSeconds.Observe(elapsed.TotalSeconds);

    public void LookUpTook(TimeSpan elapsed) => _lookUpSeconds.Observe(elapsed.TotalSeconds);

    /// <summary>Order ids are <c>&lt;channel&gt;:&lt;external id&gt;</c>.</summary>
    internal static string ChannelOf(string orderId) => orderId.IndexOf(':') is > 0 and var i ? orderId[..i] : "unknown";

    /// <summary><c>Orders(12)/Cancel</c> is an action on <c>Orders</c>; the label stays one of a handful of entity sets.</summary>
    internal static string EntitySetOf(string path)
    {
        var end = path.IndexOfAny(['(', '/', '?']);
        return end > 0 ? path[..end] : path;
    }

    /// <summary>The latest completed reconciliation run's findings per kind; every kind is set, so a clean run reads 0.</summary>
    public void ReconciliationCompleted(IReadOnlyDictionary<Domain.Reconciliation.FindingKind, int> byKind)
    {
        foreach (var kind in Enum.GetValues<Domain.Reconciliation.FindingKind>())
            ReconciliationFindings.WithLabels(Domain.Exceptions.ExceptionTypes.ReconFinding(kind).Type).Set(byKind.GetValueOrDefault(kind));
    }
}
