using ActorSync.Domain.Journal;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSync.Engine.Journal;

/// <summary>
/// One bounded area's journal format as an Akka serializer: the manifest comes from the area's contract, the bytes
/// from <see cref="JournalCodec"/>. Rows written before this format (Akka's default JSON, serializer id 1, empty
/// manifest) are still read by Akka's own JSON serializer, which the row's serializer id selects.
/// </summary>
public sealed class JournalSerializer(ExtendedActorSystem system, JournalContract contract, int identifier) : SerializerWithStringManifest(system)
{
    public JournalContract Contract => contract;

    public override int Identifier => identifier;

    public override string Manifest(object o) => contract.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JournalCodec.Write(contract, obj).Bytes;

    public override object FromBinary(byte[] bytes, string manifest) => JournalCodec.Read(contract, manifest, bytes);
}
