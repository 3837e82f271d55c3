using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActorSync.Domain.Journal;

/// <summary>
/// Writes and reads journal payloads in ActorSync's format: the record as plain JSON (no type names, no reference
/// ids), enums by name, and every property left out whose absence reads back as the same value (nulls, zeros, empty
/// lists where the type starts empty, constructor parameters at their declared default). Payloads above
/// <see cref="CompressAbove"/> bytes are compressed with the area's dictionary (<see cref="JournalDictionary"/>), or
/// plainly deflated where it has none, whichever is smaller than the JSON. The first byte says which: <c>{</c> for
/// plain JSON, <see cref="Deflated"/>, <see cref="DeflatedWithDictionary"/>; every form stays readable whatever a
/// later release writes.
/// </summary>
public static class JournalCodec
{
    /// <summary>With a dictionary even a short event shrinks; below this the header costs more than it saves.</summary>
    public const int CompressAbove = 64;

    /// <summary>Raw deflate (RFC 1951), no dictionary.</summary>
    public const byte Deflated = 0x01;

    /// <summary>A zlib stream (RFC 1950) whose header names its preset dictionary.</summary>
    public const byte DeflatedWithDictionary = 0x02;

    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutWhatReadsBackTheSame } },
        // Unknown properties (a field a later release removed, or one an older release does not know) are skipped.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static (string Manifest, byte[] Bytes) Write(JournalContract contract, object value)
    {
        var manifest = contract.ManifestOf(value.GetType());
        var json = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json);
        if (json.Length <= CompressAbove) return (manifest, json);
        var compressed = contract.WriteDictionary is { } dictionary ? dictionary.Compress(json, DeflatedWithDictionary) : Deflate(json);
        return (manifest, compressed.Length < json.Length ? compressed : json);
    }

    public static object Read(JournalContract contract, string manifest, ReadOnlySpan<byte> bytes)
    {
        var (type, path) = contract.Resolve(manifest);
        try
        {
            var json = Plain(contract, bytes);
            if (path.Count == 0) return JsonSerializer.Deserialize(json, type, Json) ?? throw new JournalFormatException($"{manifest} holds null.");
            var node = JsonNode.Parse(json) as JsonObject ?? throw new JournalFormatException($"{manifest} is not a JSON object.");
            foreach (var step in path) node = step.Upcast(node);
            return node.Deserialize(type, Json) ?? throw new JournalFormatException($"{manifest} holds null.");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new JournalFormatException($"A {contract.Area} journal entry '{manifest}' could not be read as {type.Name}: {e.Message}", e);
        }
    }

    /// <summary>The JSON text of a payload, inflated if need be (for golden files and people reading the database).</summary>
    public static string Text(JournalContract contract, ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(Plain(contract, bytes));

    private static byte[] Plain(JournalContract contract, ReadOnlySpan<byte> bytes) => bytes.Length == 0 ? [] : bytes[0] switch
    {
        Deflated => Inflate(bytes),
        DeflatedWithDictionary => JournalDictionary.Decompress(bytes[1..], contract.Dictionaries),
        _ => bytes.ToArray(),
    };

    private static byte[] Deflate(byte[] json)
    {
        using var output = new MemoryStream(json.Length / 2 + 16);
        output.WriteByte(Deflated);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(json);
        return output.ToArray();
    }

    private static byte[] Inflate(ReadOnlySpan<byte> bytes)
    {
        using var input = new MemoryStream(bytes[1..].ToArray());
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(bytes.Length * 3);
        deflate.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>
    /// A property is written only when reading the JSON without it would give another value. What a missing property
    /// reads back as: a constructor parameter's declared default (or the type's default when it declares none); for
    /// other settable properties, their value on a fresh instance (see <see cref="Fresh"/>), so initializers count.
    /// Properties without a setter that no constructor takes are computed from the others and never written.
    /// </summary>
    private static void LeaveOutWhatReadsBackTheSame(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var constructor = info.Type.GetConstructors().Where(c => c.GetParameters().Length > 0).MaxBy(c => c.GetParameters().Length);
        var parameters = constructor?.GetParameters().ToDictionary(p => p.Name!, StringComparer.OrdinalIgnoreCase) ?? [];
        var fresh = Fresh(info.Type, constructor);
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo clr) continue;
            // Computed properties (a key derived from fields, a record's summary) are not part of the record.
            if (clr.SetMethod is null && !parameters.ContainsKey(clr.Name))
            {
                property.ShouldSerialize = static (_, _) => false;
                continue;
            }
            object? absent;
            if (parameters.TryGetValue(clr.Name, out var parameter))
                absent = parameter.HasDefaultValue ? Convert(parameter.DefaultValue, clr.PropertyType) : DefaultOf(clr.PropertyType);
            else if (fresh is not null)
                absent = clr.GetValue(fresh);
            else
                absent = DefaultOf(clr.PropertyType);
            property.ShouldSerialize = (_, value) => !SameAsAbsent(value, absent);
        }
    }

    /// <summary>An instance as reading empty JSON would make it: parameterless, or every constructor parameter at its default.</summary>
    private static object? Fresh(Type type, ConstructorInfo? constructor)
    {
        if (type.IsAbstract) return null;
        try
        {
            if (type.GetConstructor(Type.EmptyTypes) is { } empty) return empty.Invoke(null);
            return constructor?.Invoke(constructor.GetParameters()
                .Select(p => p.HasDefaultValue ? Convert(p.DefaultValue, p.ParameterType) : DefaultOf(p.ParameterType)).ToArray());
        }
        catch (TargetInvocationException)
        {
            return null; // a constructor that checks its arguments: extra init properties then count as starting at their type's default
        }
    }

    private static bool SameAsAbsent(object? value, object? absent) => value switch
    {
        null => absent is null,
        // An empty list reads back as empty only where the property starts empty; elsewhere it must be written.
        System.Collections.ICollection { Count: 0 } when absent is System.Collections.ICollection { Count: 0 } => true,
        System.Collections.ICollection => false,
        _ => value.Equals(absent),
    };

    private static object? DefaultOf(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    /// <summary>Default values of decimal and enum parameters come back from reflection as their underlying types.</summary>
    private static object? Convert(object? value, Type type)
    {
        if (value is null) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum) return Enum.ToObject(target, value);
        return target == value.GetType() ? value : System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
