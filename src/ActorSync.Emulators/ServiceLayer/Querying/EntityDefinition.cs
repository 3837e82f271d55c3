using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

internal enum FieldKind
{
    String,
    Int,
    Number,
    Date,
    Time,
    /// <summary>An SAP enum; the getter returns the member name (e.g. "bost_Open").</summary>
    Enum,
}

/// <summary>An SAP enum type: member names and their stored values (e.g. tYES ↔ Y), both accepted in filters (reference §5).</summary>
internal sealed class EnumMap(string typeName, params (string Member, string Value)[] members)
{
    public string TypeName { get; } = typeName;

    public string Normalize(string literal)
    {
        foreach (var (member, value) in members)
        {
            if (string.Equals(literal, member, StringComparison.Ordinal) || string.Equals(literal, value, StringComparison.Ordinal))
            {
                return member;
            }
        }

        return literal;
    }

    public static readonly EnumMap YesNo = new("BoYesNoEnum", ("tNO", "N"), ("tYES", "Y"));
    public static readonly EnumMap Status = new("BoStatus", ("bost_Open", "O"), ("bost_Close", "C"), ("bost_Paid", "P"), ("bost_Delivered", "D"));
    public static readonly EnumMap CardType = new("BoCardTypes", ("cCustomer", "C"), ("cSupplier", "S"), ("cLid", "L"));
    public static readonly EnumMap DocumentType = new("BoDocumentTypes", ("dDocument_Items", "I"), ("dDocument_Service", "S"));
    public static readonly EnumMap ReceiptType = new("BoRcptTypes", ("rCustomer", "C"), ("rAccount", "A"), ("rSupplier", "S"));
    public static readonly EnumMap VatCategory = new("BoVatCategoryEnum", ("bovcInputTax", "I"), ("bovcOutputTax", "O"));
    public static readonly EnumMap BatchStatus = new("BatchDetailServiceStatusEnum", ("bdsStatus_Released", "0"), ("bdsStatus_NotAccessible", "1"), ("bdsStatus_Locked", "2"));

    public static readonly EnumMap ObjectType = new("BoObjectTypes",
        ("oInvoices", "13"), ("oCreditNotes", "14"), ("oDeliveryNotes", "15"), ("oOrders", "17"), ("oInventoryGenEntry", "59"),
        ("oInventoryGenExit", "60"), ("oStockTransfer", "67"), ("oDownPayments", "203"));

    public static readonly EnumMap PaymentsObjectType = new("BoPaymentsObjectType", ("bopot_IncomingPayments", "24"), ("bopot_OutgoingPayments", "46"));
}

/// <summary>A scalar property: its name, kind and getter (values: string, int, decimal, DateOnly, TimeOnly or enum member name).</summary>
internal sealed record FieldDef<T>(string Name, FieldKind Kind, Func<T, object?> Get, EnumMap? Enum = null);

/// <summary>A collection (or complex) property written by a callback.</summary>
internal sealed record CollectionDef<T>(string Name, Action<EntityJsonWriter, T> Write);

/// <summary>
/// How an entity type looks on the wire and what may be filtered, ordered and selected. Scalars are written in
/// definition order, then collections, then stored extras (fields the client sent that the emulator keeps verbatim).
/// </summary>
internal sealed class EntityDefinition<T>
{
    private readonly Dictionary<string, FieldDef<T>> _fields = new(StringComparer.Ordinal);
    private readonly List<FieldDef<T>> _fieldList = [];
    private readonly List<CollectionDef<T>> _collections = [];

    public EntityDefinition(string typeName) => TypeName = typeName;

    /// <summary>SAP's type name, used in "Property 'X' of 'Type' is invalid".</summary>
    public string TypeName { get; }

    public Func<T, IReadOnlyDictionary<string, JsonElement>?>? Extras { get; init; }

    public IReadOnlyList<FieldDef<T>> FieldList => _fieldList;

    public EntityDefinition<T> Field(string name, FieldKind kind, Func<T, object?> get, EnumMap? enumMap = null)
    {
        var field = new FieldDef<T>(name, kind, get, enumMap);
        _fields[name] = field;
        _fieldList.Add(field);
        return this;
    }

    public EntityDefinition<T> String(string name, Func<T, string?> get) => Field(name, FieldKind.String, get);
    public EntityDefinition<T> Int(string name, Func<T, int?> get) => Field(name, FieldKind.Int, t => get(t));
    public EntityDefinition<T> Number(string name, Func<T, decimal?> get) => Field(name, FieldKind.Number, t => get(t));
    public EntityDefinition<T> Date(string name, Func<T, DateOnly?> get) => Field(name, FieldKind.Date, t => get(t));
    public EntityDefinition<T> Time(string name, Func<T, TimeOnly?> get) => Field(name, FieldKind.Time, t => get(t));
    public EntityDefinition<T> YesNo(string name, Func<T, bool> get) => Field(name, FieldKind.Enum, t => get(t) ? "tYES" : "tNO", EnumMap.YesNo);
    public EntityDefinition<T> Enum(string name, EnumMap map, Func<T, string?> get) => Field(name, FieldKind.Enum, get, map);

    public EntityDefinition<T> Collection(string name, Action<EntityJsonWriter, T> write)
    {
        _collections.Add(new CollectionDef<T>(name, write));
        return this;
    }

    public FieldDef<T>? FindField(string name) => _fields.GetValueOrDefault(name);

    public bool HasProperty(string name) =>
        _fields.ContainsKey(name) || _collections.Exists(c => c.Name == name) ||
        ActorSync.Emulators.ServiceLayer.Company.Metadata.EntityMetadata.IsKnown(TypeName, name);

    public FieldDef<T> RequireField(string name) =>
        FindField(name) ?? throw (HasProperty(name)
            ? SapErrors.BadQuery($"The emulator cannot filter or order by property '{name}' of '{TypeName}'")
            : SapErrors.InvalidProperty(name, TypeName));

    public void Write(EntityJsonWriter writer, T entity)
    {
        foreach (var field in _fieldList)
        {
            if (writer.Selected(field.Name))
            {
                writer.Scalar(field.Name, field.Kind, field.Get(entity));
            }
        }

        foreach (var collection in _collections)
        {
            if (writer.Selected(collection.Name))
            {
                writer.Nested(() => collection.Write(writer, entity));
            }
        }

        if (Extras?.Invoke(entity) is { } extras)
        {
            writer.Extras(extras);
        }
    }

    /// <summary>Writes an entity (or a complex/collection item) with every property.</summary>
    public void WriteAll(EntityJsonWriter writer, T entity) => writer.Nested(() => Write(writer, entity));
}
