using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Validation;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Cli.Map;

/// <summary>An input the command cannot use; printed on stderr, exit code 2.</summary>
public sealed class MapInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Everything a channel mapper needs besides the payload.</summary>
public sealed record MapContext(
    OrderMapping Mapping,
    MasterDataSnapshot? MasterData,
    TimeSpan Window,
    string? ProductsFile,
    string? ShippingAddressesFile,
    string? OrderId);

/// <summary>Loads <c>--mapping</c> (or the built-in example) the way the host will: configuration binding, then validation.</summary>
public static class MappingFile
{
    public const string BuiltIn = "mapping.example.json";

    public static (MappingSettings Settings, string Description) Load(string? path)
    {
        var builder = new ConfigurationBuilder();
        string description;
        if (path is null)
        {
            var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(BuiltIn)
                         ?? throw new MapInputException("The built-in example mapping is missing from this build.");
            builder.AddJsonStream(stream);
            description = "built-in copy of config/mapping.example.json";
        }
        else
        {
            if (!File.Exists(path))
                throw new MapInputException($"Mapping file '{path}' does not exist.");
            builder.AddJsonFile(Path.GetFullPath(path), optional: false);
            description = path;
        }

        IConfigurationRoot config;
        try
        {
            config = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException)
        {
            throw new MapInputException($"Mapping file '{path ?? BuiltIn}' is not valid JSON: {ex.GetBaseException().Message}", ex);
        }

        var settings = new MappingSettings();
        try
        {
            config.GetSection(MappingSettings.SectionName).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new MapInputException($"Mapping file '{path ?? BuiltIn}': {ex.Message}", ex);
        }

        var errors = settings.Validate();
        if (errors.Count > 0)
            throw new MapInputException($"Mapping file '{path ?? BuiltIn}' is invalid:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}");
        return (settings, description);
    }
}

/// <summary>
/// <c>--master-data</c>: a JSON picture of SAP's master data (shape in config/README.md and
/// config/master-data.example.json). Unknown properties are errors, so a typo cannot silently drop a check.
/// </summary>
public static class MasterDataFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static MasterDataSnapshot Load(string path)
    {
        if (!File.Exists(path))
            throw new MapInputException($"Master-data file '{path}' does not exist.");
        MasterDataDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<MasterDataDto>(File.ReadAllText(path), Options)
                  ?? throw new MapInputException($"Master-data file '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new MapInputException($"Master-data file '{path}': {ex.Message}", ex);
        }

        return ToSnapshot(dto, path);
    }

    private static MasterDataSnapshot ToSnapshot(MasterDataDto dto, string path)
    {
        string Need(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new MapInputException($"Master-data file '{path}': {field} is missing.") : value;

        if (!DateOnly.TryParseExact(dto.AsOf ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            throw new MapInputException($"Master-data file '{path}': asOf must be a date like 2030-01-15, was '{dto.AsOf}'.");

        DateOnly? Date(string? text, string field)
        {
            if (text is null)
                return null;
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new MapInputException($"Master-data file '{path}': {field} must be a date like 2030-01-15, was '{text}'.");
        }

        // Currencies are optional, so files written before them stay valid: without localCurrency nothing is checked
        // and the order's currency goes to SAP as DocCurrency. With it, a partner without currency is in the local
        // currency (SAP's default for a new partner), and the local currency counts as defined.
        string? Code(string? text, string field, bool allowAll = false)
        {
            if (text is null)
                return null;
            var code = text.Trim().ToUpperInvariant();
            return (allowAll && code == BusinessPartnerMasterData.AllCurrencies) || (code.Length == 3 && code.All(char.IsAsciiLetterUpper))
                ? code
                : throw new MapInputException($"Master-data file '{path}': {field} must be a three-letter currency code such as EUR{(allowAll ? " or ## (all currencies)" : "")}, was '{text}'.");
        }

        var localCurrency = Code(dto.LocalCurrency, "localCurrency");
        var currencies = dto.Currencies.Select((c, i) => Code(c, $"currencies[{i}]")!).ToImmutableHashSet(StringComparer.Ordinal);
        if (localCurrency is not null)
            currencies = currencies.Add(localCurrency);

        var items = dto.Items.Select((item, i) =>
        {
            var code = Need(item.ItemCode, $"items[{i}].itemCode");
            return new ItemMasterData(code, item.Active, item.Frozen, item.BatchManaged, item.SerialManaged)
            {
                Stock = item.Stock.ToImmutableDictionary(s => s.Key, s => new WarehouseStock(s.Value.InStock, s.Value.Committed)
                {
                    Batches = s.Value.Batches.Select((b, j) => new BatchStock(
                        Need(b.BatchNumber, $"items[{i}].stock.{s.Key}.batches[{j}].batchNumber"), b.Quantity,
                        Date(b.ExpiryDate, $"items[{i}].stock.{s.Key}.batches[{j}].expiryDate"),
                        Date(b.AdmissionDate, $"items[{i}].stock.{s.Key}.batches[{j}].admissionDate"))).ToImmutableList(),
                    Serials = s.Value.Serials.Select((serial, j) => new SerialStock(
                        Need(serial.SerialNumber, $"items[{i}].stock.{s.Key}.serials[{j}].serialNumber"),
                        Date(serial.AdmissionDate, $"items[{i}].stock.{s.Key}.serials[{j}].admissionDate"),
                        Date(serial.ExpiryDate, $"items[{i}].stock.{s.Key}.serials[{j}].expiryDate"))).ToImmutableList(),
                }),
            };
        });
        return new MasterDataSnapshot
        {
            AsOf = asOf,
            Items = items.ToImmutableDictionary(i => i.ItemCode),
            BusinessPartners = dto.BusinessPartners.Select((bp, i) => new BusinessPartnerMasterData(
                    Need(bp.CardCode, $"businessPartners[{i}].cardCode"), bp.Active, bp.EmailAddress, bp.IsCustomer,
                    Code(bp.Currency, $"businessPartners[{i}].currency", allowAll: true) ?? localCurrency)
                {
                    ChannelCustomerIds = bp.ChannelCustomerIds.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
                    Addresses = bp.Addresses.Select((a, j) => new SapPartnerAddress(
                        Need(a.AddressName, $"businessPartners[{i}].addresses[{j}].addressName"),
                        a.AddressType?.Trim().ToLowerInvariant() switch
                        {
                            "shipto" or "bo_shipto" or "s" => SapPartnerAddress.ShipTo,
                            "billto" or "bo_billto" or "b" => SapPartnerAddress.BillTo,
                            _ => throw new MapInputException($"Master-data file '{path}': businessPartners[{i}].addresses[{j}].addressType must be billTo or shipTo, was '{a.AddressType}'."),
                        },
                        a.Street, a.Block, a.City, a.ZipCode, a.State, a.Country)).ToImmutableList(),
                })
                .ToImmutableDictionary(bp => bp.CardCode),
            VatGroups = dto.VatGroups.Select((v, i) => new VatGroupMasterData(Need(v.Code, $"vatGroups[{i}].code"), v.Rate, v.Active))
                .ToImmutableDictionary(v => v.Code),
            ShippingTypes = dto.ShippingTypes.ToImmutableDictionary(s => s.Code, s => s.Name ?? ""),
            Warehouses = dto.Warehouses.Select((w, i) => new WarehouseMasterData(Need(w.Code, $"warehouses[{i}].code"), w.Active, w.Nettable))
                .ToImmutableDictionary(w => w.Code),
            GlAccounts = dto.GlAccounts.ToImmutableHashSet(),
            LocalCurrency = localCurrency,
            Currencies = currencies,
            // Optional like currencies: without countries, addresses are checked for completeness and length only.
            Countries = dto.Countries.Select((c, i) => (Code: Need(c.Code, $"countries[{i}].code").Trim().ToUpperInvariant(), c.Name))
                .ToImmutableDictionary(c => c.Code, c => c.Name ?? c.Code),
            States = dto.States.Select((st, i) => new StateMasterData(Need(st.Country, $"states[{i}].country").Trim().ToUpperInvariant(),
                Need(st.Code, $"states[{i}].code").Trim(), st.Name ?? st.Code!)).ToImmutableList(),
        };
    }

    private sealed class MasterDataDto
    {
        public string? AsOf { get; set; }
        public List<ItemDto> Items { get; set; } = [];
        public List<PartnerDto> BusinessPartners { get; set; } = [];
        public List<VatGroupDto> VatGroups { get; set; } = [];
        public List<ShippingTypeDto> ShippingTypes { get; set; } = [];
        public List<WarehouseDto> Warehouses { get; set; } = [];
        public List<string> GlAccounts { get; set; } = [];
        public string? LocalCurrency { get; set; }
        public List<string> Currencies { get; set; } = [];
        public List<CountryDto> Countries { get; set; } = [];
        public List<StateDto> States { get; set; } = [];
    }

    private sealed class CountryDto
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    private sealed class StateDto
    {
        public string? Country { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    private sealed class AddressDto
    {
        public string? AddressName { get; set; }
        public string? AddressType { get; set; }
        public string? Street { get; set; }
        public string? Block { get; set; }
        public string? City { get; set; }
        public string? ZipCode { get; set; }
        public string? State { get; set; }
        public string? Country { get; set; }
    }

    private sealed class ItemDto
    {
        public string? ItemCode { get; set; }
        public bool Active { get; set; } = true;
        public bool Frozen { get; set; }
        public bool BatchManaged { get; set; }
        public bool SerialManaged { get; set; }
        public Dictionary<string, StockDto> Stock { get; set; } = [];
    }

    private sealed class StockDto
    {
        public decimal InStock { get; set; }
        public decimal Committed { get; set; }
        public List<BatchDto> Batches { get; set; } = [];
        public List<SerialDto> Serials { get; set; } = [];
    }

    private sealed class BatchDto
    {
        public string? BatchNumber { get; set; }
        public decimal Quantity { get; set; }
        public string? ExpiryDate { get; set; }
        public string? AdmissionDate { get; set; }
    }

    private sealed class SerialDto
    {
        public string? SerialNumber { get; set; }
        public string? AdmissionDate { get; set; }
        public string? ExpiryDate { get; set; }
    }

    private sealed class PartnerDto
    {
        public string? CardCode { get; set; }
        public bool Active { get; set; } = true;
        public string? EmailAddress { get; set; }
        public bool IsCustomer { get; set; } = true;
        public string? Currency { get; set; }
        public Dictionary<string, string> ChannelCustomerIds { get; set; } = [];
        public List<AddressDto> Addresses { get; set; } = [];
    }

    private sealed class VatGroupDto
    {
        public string? Code { get; set; }
        public decimal Rate { get; set; }
        public bool Active { get; set; } = true;
    }

    private sealed class ShippingTypeDto
    {
        public int Code { get; set; }
        public string? Name { get; set; }
    }

    private sealed class WarehouseDto
    {
        public string? Code { get; set; }
        public bool Active { get; set; } = true;
        public bool Nettable { get; set; } = true;
    }
}
