using System.CommandLine;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary><c>cluster show</c>, <c>cluster leave &lt;address&gt;</c>, <c>cluster sharding regions</c>, <c>cluster sharding stats &lt;region&gt;</c>.</summary>
public static class ClusterCommands
{
    public static Command Build(OpsContext context)
    {
        var show = new Command("show", "The members: address, status, roles, up since, reachable, and the leader.");
        show.SetAction((parsed, ct) => context.CallAsync(parsed, (c, t) => c.GetAsync("/api/cluster", t), RenderMembers, ct));

        var address = new Argument<string>("address") { Description = "The member's address as `cluster show` lists it (akka.tcp://actorsync@host:port)." };
        var leave = new Command("leave", "Asks a member to leave gracefully: its shards and singletons move first.") { address };
        leave.SetAction((parsed, ct) => context.CallAsync(parsed, (c, t) => c.PostAsync("/api/cluster/leave", new { address = parsed.GetValue(address) }, t),
            (body, output) => output.Line(Output.Cell(body, "message") ?? "Leaving."), ct));

        var regions = new Command("regions", "Every shard region with its shards and entities per node.");
        regions.SetAction((parsed, ct) => context.CallAsync(parsed, (c, t) => c.GetAsync("/api/cluster/sharding", t), RenderRegions, ct));

        var region = new Argument<string>("region") { Description = "A region as `cluster sharding regions` lists it (order, stock, pos-transaction, warehouse-movements)." };
        var stats = new Command("stats", "One region's shards and their entity counts per node.") { region };
        stats.SetAction((parsed, ct) => context.CallAsync(parsed,
            (c, t) => c.GetAsync($"/api/cluster/sharding/{Uri.EscapeDataString(parsed.GetValue(region)!)}", t), RenderRegion, ct));

        return new Command("cluster", "The cluster: members, leave, shard regions.") { show, leave, new Command("sharding", "Shard regions and their entities.") { regions, stats } };
    }

    private static void RenderMembers(JsonElement body, Output output)
    {
        var members = body.GetProperty("members").EnumerateArray().ToList();
        output.Table($"Cluster seen from {Output.Cell(body, "self")}",
            ["Address", "Status", "Roles", "Up since", "Reachable", "Leader", "This node"],
            members.Select(m => (IReadOnlyList<string?>)[Output.Cell(m, "address"), Output.Cell(m, "status"), Output.Cell(m, "roles"),
                Output.Time(m, "upSince"), Output.Cell(m, "reachable"), m.GetProperty("leader").GetBoolean() ? "leader" : "", m.GetProperty("self").GetBoolean() ? "*" : ""]));
        var unreachable = body.GetProperty("unreachable").GetArrayLength();
        output.Line($"{members.Count} member(s), {unreachable} unreachable; leader: {Output.Cell(body, "leader") ?? "none"}.");
    }

    private static void RenderRegions(JsonElement body, Output output) =>
        output.Table("Shard regions", ["Region", "Node", "Shards", "Entities"],
            body.GetProperty("regions").EnumerateArray().SelectMany(r => r.GetProperty("nodes").EnumerateArray()
                .Select(n => (IReadOnlyList<string?>)[Output.Cell(r, "region"), Output.Cell(n, "address"), Output.Cell(n, "shardCount"), Output.Cell(n, "entityCount")])
                .Append([Output.Cell(r, "region"), "(all nodes)", Output.Cell(r, "shardCount"), Output.Cell(r, "entityCount")])));

    private static void RenderRegion(JsonElement body, Output output)
    {
        var nodes = body.GetProperty("nodes").EnumerateArray().ToList();
        output.Table($"Region {Output.Cell(body, "region")}", ["Node", "Shard", "Entities"],
            nodes.SelectMany(n => n.GetProperty("shards").EnumerateArray()
                .Select(s => (IReadOnlyList<string?>)[Output.Cell(n, "address"), Output.Cell(s, "shardId"), Output.Cell(s, "entities")])));
        foreach (var node in nodes.Where(n => n.GetProperty("failed").GetArrayLength() > 0))
            output.Line($"{Output.Cell(node, "address")} did not answer for shards {Output.Cell(node, "failed")}.");
        output.Line($"{Output.Cell(body, "shardCount")} shard(s), {Output.Cell(body, "entityCount")} entities on {nodes.Count} node(s).");
    }
}
