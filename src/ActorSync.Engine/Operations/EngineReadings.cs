using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Operations;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.Connectors.Wms;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Pos;
using ActorSync.Engine.Posting;
using ActorSync.Engine.Warehouse;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Operations;

/// <summary>
/// Readings that live in cluster singletons (the unfinished-entities indexes, the connectors' inboxes, the exception
/// queue), for the metrics scrape and the ops API's flow view. Each asks with a short timeout and says nothing rather
/// than failing when a singleton is moving between nodes.
/// </summary>
public sealed class EngineReadings(IServiceProvider services)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>How many records of the flow still owe SAP work (null if the index did not answer or has not loaded).</summary>
    public async Task<int?> UnfinishedAsync(string flow, CancellationToken ct)
    {
        IActorRef? index = flow switch
        {
            FlowObservations.Orders => await Resolve<UnfinishedOrders>(ct).ConfigureAwait(false),
            FlowObservations.Pos => await Resolve<UnfinishedPosTransactions>(ct).ConfigureAwait(false),
            FlowObservations.Warehouse => await Resolve<UnfinishedWarehouseWindows>(ct).ConfigureAwait(false),
            _ => null,
        };
        if (index is null) return null;
        try
        {
            var answer = await index.Ask<UnfinishedEntitiesIndex.Unfinished>(UnfinishedEntitiesIndex.GetUnfinished.Instance, Timeout, ct).ConfigureAwait(false);
            return answer.Loaded ? answer.EntityIds.Count : null;
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every configured connector inbox that answered.</summary>
    public async Task<IReadOnlyList<InboxView>> InboxesAsync(CancellationToken ct)
    {
        var asks = new List<Task<InboxView?>>();
        if (services.GetService<BigCommerceConnector>() is { } bigCommerce) asks.Add(Try(bigCommerce.GetInboxAsync, ct));
        if (services.GetService<MagentoConnector>() is { } magento) asks.Add(Try(magento.GetInboxAsync, ct));
        if (services.GetService<SitooConnector>() is { } sitoo) asks.Add(Try(sitoo.GetInboxAsync, ct));
        if (services.GetService<WmsConnector>() is { } wms)
            asks.AddRange(wms.Sources.All.Select(s => Try(token => wms.GetInboxAsync(s.Source.SourceName, token), ct)));
        return (await Task.WhenAll(asks).ConfigureAwait(false)).OfType<InboxView>().ToList();
    }

    /// <summary>Open exceptions per (type, team); null if the queue did not answer.</summary>
    public async Task<IReadOnlyDictionary<(string Type, string Team), int>?> OpenExceptionsAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            var open = await services.GetRequiredService<ExceptionQueueClient>().ListAsync(new ExceptionFilter(ExceptionStatus.Open), timeout.Token).ConfigureAwait(false);
            return open.GroupBy(e => (e.Type, e.Team.Name())).ToDictionary(g => g.Key, g => g.Count());
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<IActorRef?> Resolve<TKey>(CancellationToken ct)
    {
        if (services.GetService<IRequiredActor<TKey>>() is not { } required) return null;
        try
        {
            return await required.GetAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<InboxView?> Try(Func<CancellationToken, Task<InboxView>> ask, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            return await ask(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException or ArgumentException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
