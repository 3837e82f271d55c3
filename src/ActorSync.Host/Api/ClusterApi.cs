using ActorSync.Domain.Boundary;
using ActorSync.Engine.Operations;

namespace ActorSync.Host.Api;

/// <summary>
/// The cluster for operators (<c>actorsync cluster …</c>), behind the ops tokens: <c>GET /api/cluster</c> (members with
/// address, status, roles, up-since as this node saw it, reachability, the leader), <c>POST /api/cluster/leave</c>
/// <c>{"address": "akka.tcp://actorsync@host:port"}</c> (operator token; 202, 404 for no such member, 409 when it is
/// already leaving, 400 for an address that does not parse), <c>GET /api/cluster/sharding</c> (every shard region's
/// shards and entities per node) and <c>GET /api/cluster/sharding/{region}</c> (with each shard's entity count).
/// </summary>
public static class ClusterApi
{
    public sealed record LeaveBody(string? Address);

    public static void MapClusterApi(this WebApplication app)
    {
        var cluster = app.MapGroup("/api/cluster");
        cluster.MapGet("", (ClusterOperations ops) => Results.Json(ops.Members(), FlowsApi.Json));

        cluster.MapPost("/leave", async (HttpRequest request, ClusterOperations ops, CancellationToken ct) =>
        {
            var (body, problem) = await OpsBody.ReadAsync<LeaveBody>(request,
                b => string.IsNullOrWhiteSpace(b.Address) ? [new FieldProblem("$.address", "is required: the member's address, as `actorsync cluster show` lists it")] : [], ct);
            if (body is null) return problem!;
            var address = body.Address!.Trim();
            return ops.Leave(address) switch
            {
                LeaveResult.Leaving => Results.Json(new { address, status = "leaving", message = $"{address} is leaving: its shards and singletons move to the other members before it stops." },
                    FlowsApi.Json, statusCode: StatusCodes.Status202Accepted),
                LeaveResult.NotAMember => Error(StatusCodes.Status404NotFound, $"{address} is not a member of this cluster."),
                LeaveResult.AlreadyLeaving => Error(StatusCodes.Status409Conflict, $"{address} is already leaving or has left."),
                _ => OpsBody.Problem(StatusCodes.Status400BadRequest, "Invalid address",
                    $"'{address}' is not a member address; use the form akka.tcp://actorsync@host:port, as `actorsync cluster show` lists it."),
            };
        });

        cluster.MapGet("/sharding", async (ClusterOperations ops, CancellationToken ct) =>
            Results.Json(new { regions = await ops.RegionsAsync(ct) }, FlowsApi.Json));

        cluster.MapGet("/sharding/{region}", async (string region, ClusterOperations ops, CancellationToken ct) =>
            await ops.RegionAsync(region, withShards: true, ct) is { } view
                ? Results.Json(view, FlowsApi.Json)
                : Error(StatusCodes.Status404NotFound, $"No shard region '{region}'; the regions are: {string.Join(", ", ops.RegionNames())}."));
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, FlowsApi.Json, statusCode: status);
}
