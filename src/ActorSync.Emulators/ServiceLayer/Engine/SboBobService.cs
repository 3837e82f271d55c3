using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Engine;

/// <summary>
/// The <c>SBOBobService_*</c> function imports the emulator models, with the metadata's parameter names:
/// <c>GetLocalCurrency</c> and <c>GetSystemCurrency</c> (no parameters), <c>GetCurrencyRate</c> (<c>Currency</c>,
/// <c>Date</c>) answering the rate as <c>value</c>, and <c>SetCurrencyRate</c> (<c>RateDate</c>, <c>Currency</c>,
/// <c>Rate</c>, all Edm.String in the metadata; numbers are accepted too) answering 204. Dates as <c>yyyyMMdd</c> or
/// <c>yyyy-MM-dd</c> (a time part is ignored).
/// </summary>
internal sealed class SboBobService(ServiceLayerEmulatorState state)
{
    public const string Prefix = "SBOBobService_";

    public async Task<SlResponse> InvokeAsync(SlRequest request, CancellationToken cancellationToken)
    {
        var company = state.Company;
        var parameters = Parameters(request.Body);
        switch (request.Path[Prefix.Length..])
        {
            case "GetLocalCurrency" or "GetSystemCurrency":
                await state.Capacity.OccupyAsync(o => o.ReadCost, cancellationToken).ConfigureAwait(false);
                return Value(request, "Edm.String", w => w.WriteString("value", company.LocalCurrency));

            case "GetCurrencyRate":
            {
                await state.Capacity.OccupyAsync(o => o.ReadCost, cancellationToken).ConfigureAwait(false);
                var currency = RequireCurrency(parameters, "Currency");
                var date = RequireDate(parameters, "Date");
                var rate = company.FindRate(currency, date) ?? throw SapErrors.Rule($"Update the exchange rate , '{currency}'");
                return Value(request, "Edm.Double", w => w.WriteNumber("value", rate));
            }

            case "SetCurrencyRate":
            {
                var currency = RequireCurrency(parameters, "Currency");
                var date = RequireDate(parameters, "RateDate");
                var rate = Decimal(parameters, "Rate");
                if (rate is not > 0m)
                {
                    throw SapErrors.Validation("Enter a positive exchange rate [ORTT.Rate]");
                }

                if (string.Equals(currency, company.LocalCurrency, StringComparison.Ordinal))
                {
                    throw SapErrors.Validation($"Cannot define an exchange rate for the local currency {currency} [ORTT.Currency]");
                }

                company.Write(() => company.SetRate(currency, date, rate.Value));
                return SlResponse.NoContent(request.Version);
            }

            default:
                throw SapErrors.ResourceNotFound(request.Path);
        }
    }

    private string RequireCurrency(Dictionary<string, JsonElement> parameters, string name)
    {
        var code = Text(parameters, name);
        return code is not null && state.Company.FindCurrency(code) is not null
            ? code
            : throw SapErrors.BadReference($"Invalid currency [OCRN.CurrCode] , '{code}'");
    }

    private static DateOnly RequireDate(Dictionary<string, JsonElement> parameters, string name)
    {
        var text = Text(parameters, name);
        if (text is { Length: >= 8 })
        {
            var day = text.Length >= 10 && text[4] == '-' ? text[..10] : text[..8];
            if (DateOnly.TryParseExact(day, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }

        throw SapErrors.Validation($"Invalid date for parameter '{name}': '{text}'");
    }

    private static decimal? Decimal(Dictionary<string, JsonElement> parameters, string name) =>
        !parameters.TryGetValue(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDecimal()
        : value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    private static string? Text(Dictionary<string, JsonElement> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, JsonElement> Parameters(byte[] body)
    {
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (body.Length == 0)
        {
            return parameters;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw SapErrors.BadQuery("The request body must be a JSON object of the function's parameters");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                parameters[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException error)
        {
            throw SapErrors.BadQuery("The request body is not valid JSON: " + error.Message);
        }

        return parameters;
    }

    private static SlResponse Value(SlRequest request, string type, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteString(request.Version.MetadataAnnotation(), request.ServiceRoot + "$metadata#" + type);
            write(json);
            json.WriteEndObject();
        }

        return SlResponse.Json(200, buffer.ToArray(), request.Version);
    }
}
