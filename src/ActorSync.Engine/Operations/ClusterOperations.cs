using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace ActorSync.Engine.Operations;

/// <param name="UpSince">When this node saw the member become Up (for members already up when this node joined: when it joined); null if it has not.</param>
public sealed record ClusterMemberView(string Address, string Status, IReadOnlyList<string> Roles, DateTimeOffset? UpSince, bool Reachable, bool Leader, bool Self);

public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members, IReadOnlyList<string> Unreachable);

public sealed record ShardCount(string ShardId, int Entities);

/// <param name="Shards">Per shard, only in the view of one region.</param>
/// <param name="Failed">Shards the node did not answer for within the timeout.</param>
public sealed record RegionNodeView(string Address, int ShardCount, int EntityCount, IReadOnlyList<ShardCount>? Shards, IReadOnlyList<string> Failed);

public sealed record RegionView(string Region, int ShardCount, int EntityCount, IReadOnlyList<RegionNodeView> Nodes);

public enum LeaveResult { Leaving, NotAMember, AlreadyLeaving, InvalidAddress }

/// <summary>
/// The cluster as operators see it (<c>actorsync cluster …</c>): members from this node's view of the gossip, the shard
/// regions' shards and entities per node from Akka's <see cref="GetClusterShardingStats"/>, and asking a member to
/// leave. Read-only except <see cref="Leave"/>.
/// </summary>
public sealed class ClusterOperations(ActorSystem system, ClusterUpTimes upTimes)
{
    public static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    public ClusterView Members()
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members.Concat(state.Unreachable.Where(u => !state.Members.Contains(u)))
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMemberView(m.Address.ToString(), m.Status.ToString(), m.Roles.Order(StringComparer.Ordinal).ToList(),
                upTimes.Of(m.Address), !unreachable.Contains(m.Address), m.Address.Equals(state.Leader), m.Address.Equals(cluster.SelfAddress)))
            .ToList();
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members, unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The member leaves gracefully: its shards and singletons hand over before it stops.</summary>
    public LeaveResult Leave(string address)
    {
        Address parsed;
        try
        {
            parsed = Address.Parse(address);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return LeaveResult.InvalidAddress;
        }
        if (string.IsNullOrEmpty(parsed.Host) || parsed.Port is null) return LeaveResult.InvalidAddress;
        var cluster = Cluster.Get(system);
        var member = cluster.State.Members.Concat(cluster.State.Unreachable).FirstOrDefault(m => m.Address.Equals(parsed));
        if (member is null) return LeaveResult.NotAMember;
        if (member.Status is not (MemberStatus.Up or MemberStatus.Joining or MemberStatus.WeaklyUp)) return LeaveResult.AlreadyLeaving;
        cluster.Leave(parsed);
        return LeaveResult.Leaving;
    }

    public IReadOnlyList<string> RegionNames() => ClusterSharding.Get(system).ShardTypeNames.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every region's shards and entities per node.</summary>
    public async Task<IReadOnlyList<RegionView>> RegionsAsync(CancellationToken ct)
    {
        var views = await Task.WhenAll(RegionNames().Select(name => RegionAsync(name, withShards: false, ct))).ConfigureAwait(false);
        return views.OfType<RegionView>().ToList();
    }

    /// <summary>Null when there is no region of that name.</summary>
    public async Task<RegionView?> RegionAsync(string name, bool withShards, CancellationToken ct)
    {
        var sharding = ClusterSharding.Get(system);
        if (!sharding.ShardTypeNames.Contains(name)) return null;
        var stats = await sharding.ShardRegion(name).Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(2), ct)
            .ConfigureAwait(false);
        var nodes = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new RegionNodeView(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum(),
                withShards ? r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardCount(s.Key, s.Value)).ToList() : null,
                r.Value.Failed?.Order(StringComparer.Ordinal).ToList() ?? []))
            .ToList();
        return new RegionView(name, nodes.Sum(n => n.ShardCount), nodes.Sum(n => n.EntityCount), nodes);
    }
}

/// <summary>When this node saw each member become Up; fed by <see cref="ClusterMembersWatch"/>.</summary>
public sealed class ClusterUpTimes
{
    private readonly ConcurrentDictionary<Address, DateTimeOffset> _up = new();

    public DateTimeOffset? Of(Address address) => _up.TryGetValue(address, out var at) ? at : null;

    internal void Up(Address address, DateTimeOffset at) => _up.TryAdd(address, at);

    internal void Removed(Address address) => _up.TryRemove(address, out _);
}

/// <summary>Follows membership on this node for <see cref="ClusterUpTimes"/>. Local only.</summary>
public sealed class ClusterMembersWatch : ReceiveActor
{
    public ClusterMembersWatch(ClusterUpTimes upTimes)
    {
        Receive<ClusterEvent.MemberUp>(m => upTimes.Up(m.Member.Address, DateTimeOffset.UtcNow));
        Receive<ClusterEvent.MemberRemoved>(m => upTimes.Removed(m.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
