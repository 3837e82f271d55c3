using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Batch;
using ActorSync.Emulators.ServiceLayer.Protocol;
using ActorSync.Emulators.ServiceLayer.Querying;

namespace ActorSync.Emulators.ServiceLayer.Engine;

/// <summary>
/// Dispatches Service Layer requests: Login/Logout, session checks, reads, writes and <c>$batch</c>. Knows nothing
/// about HTTP; the endpoint and the batch processor both feed it <see cref="SlRequest"/>s.
/// </summary>
internal sealed class ServiceLayerEngine
{
    private readonly ServiceLayerEmulatorState _state;
    private readonly WritePipeline _writes;
    private readonly BatchProcessor _batches;
    private readonly SboBobService _functions;

    public ServiceLayerEngine(ServiceLayerEmulatorState state)
    {
        _state = state;
        _writes = new WritePipeline(state);
        _batches = new BatchProcessor(state, this, _writes);
        _functions = new SboBobService(state);
    }

    public async Task<SlResponse> HandleAsync(SlRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Resource paths are case-sensitive: "/login" is not the Login resource and, without a session,
            // answers 401/301 like any other path (reference §1, nango PR #6638).
            if (request.Path == "Login" && request.Method == "POST")
            {
                return await LoginAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (!_state.Sessions.Touch(request.SessionId))
            {
                throw SapErrors.InvalidSession();
            }

            if (request.Path == "Logout" && request.Method == "POST")
            {
                _state.Sessions.Logout(request.SessionId);
                return SlResponse.NoContent(request.Version);
            }

            if (request.Path == "$batch" && request.Method == "POST")
            {
                return await _batches.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (request.Method == "POST" && request.Path.StartsWith(SboBobService.Prefix, StringComparison.Ordinal))
            {
                return await _functions.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return request.Method == "GET"
                ? await ReadAsync(request, cancellationToken).ConfigureAwait(false)
                : await WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (SapException error)
        {
            return Error(error, request.Version);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // An emulator bug must not look like a dropped connection: answer SL-style 500 with the cause.
            return Error(new SapException(500, -1, "Internal error in the emulator: " + error.GetType().Name + ": " + error.Message), request.Version);
        }
    }

    /// <summary>
    /// The SAP error envelope in the shape of <paramref name="version"/>; every error answer passes here (direct or
    /// inside a $batch), so rejections are counted once.
    /// </summary>
    public SlResponse Error(SapException error, ODataVersion version)
    {
        _state.Stats.Rejection(error.Code);
        var response = SlResponse.Json(error.HttpStatus, ErrorEnvelope.Serialize(error.Code, error.SapMessage, version), version);
        response.Error = error;
        return response;
    }

    // ---- sessions -------------------------------------------------------------------------------------------

    private async Task<SlResponse> LoginAsync(SlRequest request, CancellationToken cancellationToken)
    {
        await _state.Capacity.OccupyAsync(o => o.LoginCost, cancellationToken).ConfigureAwait(false);
        string? company = null, user = null, password = null;
        try
        {
            using var document = JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                company = Text(document.RootElement, "CompanyDB");
                user = Text(document.RootElement, "UserName");
                password = Text(document.RootElement, "Password");
            }
        }
        catch (JsonException)
        {
            throw SapErrors.LoginFailed();
        }

        var options = _state.Options;
        if (!string.Equals(company, options.CompanyDb, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(user, options.UserName, StringComparison.Ordinal) ||
            !string.Equals(password, _state.Faults.Password ?? options.Password, StringComparison.Ordinal))
        {
            throw SapErrors.LoginFailed();
        }

        var sessionId = _state.Sessions.Login(user!);
        var minutes = Math.Max(1, (int)Math.Ceiling(_state.Sessions.Timeout.TotalMinutes));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteString(request.Version.MetadataAnnotation(), request.ServiceRoot + "$metadata#B1Sessions" + request.Version.EntitySuffix());
            json.WriteString("SessionId", sessionId);
            json.WriteString("Version", options.Version);
            json.WriteNumber("SessionTimeout", minutes);
            json.WriteEndObject();
        }

        var response = SlResponse.Json(200, buffer.ToArray(), request.Version);
        // Exact bytes as captured from SAP (reference §2): B1SESSION without Path and with a trailing ';',
        // ROUTEID from Apache's sticky-session balancer.
        response.SetCookies.Add("B1SESSION=" + sessionId + ";HttpOnly;");
        response.SetCookies.Add("ROUTEID=.node1; path=/b1s");
        return response;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String ? value.GetString() : null;

    // ---- reads ----------------------------------------------------------------------------------------------

    public async Task<SlResponse> ReadAsync(SlRequest request, CancellationToken cancellationToken)
    {
        await _state.Capacity.OccupyAsync(o => o.ReadCost, cancellationToken).ConfigureAwait(false);
        var path = ResourcePath.Parse(request.Path);
        if (request.Path is "$metadata" or "")
        {
            throw SapErrors.ResourceNotFound(request.Path.Length == 0 ? "/" : request.Path);
        }

        var resource = (path.IsView ? _state.Catalog.FindView(path.Name) : _state.Catalog.FindSet(path.Name))
            ?? throw SapErrors.ResourceNotFound(path.IsView ? "view.svc/" + path.Name : path.Name);
        var options = QueryOptions.Parse(request.Query);
        var caseInsensitive = string.Equals(request.Header("B1S-CaseInsensitive"), "true", StringComparison.OrdinalIgnoreCase);

        if (path.Key is not null)
        {
            if (path.Sub is not null)
            {
                throw SapErrors.BadQuery($"The emulator does not serve property paths such as '{path.Sub}'; use $select");
            }

            var body = _state.Company.Read(() => resource.GetByKey(path.Key, options, request.Version, request.ServiceRoot));
            return SlResponse.Json(200, body, request.Version);
        }

        if (path.Sub == "$count")
        {
            var count = _state.Company.Read(() => resource.Count(options, caseInsensitive));
            return SlResponse.Text(200, count.ToString(CultureInfo.InvariantCulture));
        }

        if (path.Sub is not null)
        {
            throw SapErrors.ResourceNotFound(path.Sub);
        }

        var (pageSize, preferenceApplied) = PageSize(request);
        var paging = new PagingRequest(pageSize, caseInsensitive, _state.Options.AbsoluteNextLinks, request.ServiceRoot, request.ServicePath);
        var page = _state.Company.Read(() => resource.QueryCollection(options, paging, request.Version));
        var response = SlResponse.Json(200, page.Body, request.Version);
        if (preferenceApplied is not null)
        {
            response.Headers.Add(new("Preference-Applied", preferenceApplied));
        }

        return response;
    }

    /// <summary>
    /// Page size: <c>Prefer: odata.maxpagesize=N</c> (echoed in Preference-Applied), else <c>B1S-PageSize: N</c>,
    /// else the configured default; 0 means no paging (reference §5).
    /// </summary>
    private (int PageSize, string? PreferenceApplied) PageSize(SlRequest request)
    {
        if (request.Header("Prefer") is { } prefer)
        {
            foreach (var part in prefer.Split(',', StringSplitOptions.TrimEntries))
            {
                const string name = "odata.maxpagesize=";
                if (part.StartsWith(name, StringComparison.OrdinalIgnoreCase) &&
                    int.TryParse(part[name.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    return (size, "odata.maxpagesize=" + size.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        if (request.Header("B1S-PageSize") is { } header && int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b1sSize))
        {
            return (b1sSize, null);
        }

        return (_state.Options.DefaultPageSize, null);
    }

    // ---- writes ---------------------------------------------------------------------------------------------

    private async Task<SlResponse> WriteAsync(SlRequest request, CancellationToken cancellationToken)
    {
        var method = request.Method;
        if (method == "POST" && request.Header("X-HTTP-Method-Override") is { Length: > 0 } overridden)
        {
            method = overridden.ToUpperInvariant(); // SLDOC faq: PATCH/PUT/MERGE/DELETE tunnelled through POST
        }

        var operation = new WriteOperation { Method = method, Path = request.Path, Body = request.Body, Headers = request.Headers };
        var outcome = await _writes.ExecuteAsync([operation], request.Version, request.BaseAddress, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return Error(outcome.Error!, request.Version);
        }

        var response = ToResponse(outcome.Results[0], operation, request.Version);
        response.CreatedSets.AddRange(outcome.CreatedSets);
        return response;
    }

    public static SlResponse ToResponse(WriteOutcome result, WriteOperation operation, ODataVersion version)
    {
        var response = result.Body is not null ? SlResponse.Json(result.Status, result.Body, version) : SlResponse.NoContent(version);
        response.Status = result.Status;
        if (result.Location is not null)
        {
            response.Headers.Add(new("Location", result.Location));
        }

        if (result.ReturnNoContentApplied)
        {
            response.Headers.Add(new("Preference-Applied", WritePipeline.PreferenceApplied(operation)));
        }

        return response;
    }
}
