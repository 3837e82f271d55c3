using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSync.Engine.Tests.Infrastructure;

/// <summary>
/// The wire check of the engine specs: serialize-messages is on, so every message an actor is sent goes through its
/// serializer and back as it would between nodes. ActorSync's own messages must have a real wire format (their
/// area's <c>JournalSerializer</c>) or say they never leave the node (<see cref="INoSerializationVerificationNeeded"/>).
/// Akka's and the SQL plugin's internal messages without a serializer of their own (a journal's self-message holding
/// a Task, Distributed Data's local updates holding functions) were never meant for the wire, so the catch-all
/// binding that would send them to Akka's JSON serializer sends them here instead, where the "bytes" are a ticket for
/// the same object in this process. An ActorSync message that reaches this catch-all is a missing wire format: it is
/// recorded, and the test host fails its test.
/// </summary>
public sealed class LocalOnlySerializer(ExtendedActorSystem system) : Serializer(system)
{
    private static readonly ConcurrentDictionary<long, object> Parked = new();
    private static long _next;

    /// <summary>ActorSync message types that reached the catch-all in this actor system.</summary>
    public ConcurrentDictionary<string, int> MissingWireFormat { get; } = new();

    public static LocalOnlySerializer Of(ActorSystem system) => (LocalOnlySerializer)system.Serialization.FindSerializerForType(typeof(object));

    public override int Identifier => 4199;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        if (obj.GetType().Assembly.GetName().Name?.StartsWith("ActorSync", StringComparison.Ordinal) == true)
        {
            MissingWireFormat.AddOrUpdate(obj.GetType().FullName ?? obj.GetType().Name, 1, (_, n) => n + 1);
            throw new InvalidOperationException($"{obj.GetType().Name} has no wire format and is not marked node-local.");
        }
        var ticket = Interlocked.Increment(ref _next);
        Parked[ticket] = obj;
        return BitConverter.GetBytes(ticket);
    }

    public override object FromBinary(byte[] bytes, Type type) =>
        Parked.TryRemove(BitConverter.ToInt64(bytes), out var obj) ? obj : throw new InvalidOperationException("A local-only message was read twice.");

    public static string Hocon() => $$"""
        akka.actor {
          serialize-messages = on
          serializers.local-only = "{{typeof(LocalOnlySerializer).FullName}}, {{typeof(LocalOnlySerializer).Assembly.GetName().Name}}"
          serialization-bindings { "System.Object" = local-only }
        }
        """;
}
