namespace ActorSync.Emulators.ServiceLayer.Protocol;

/// <summary>
/// A Service Layer error answer: HTTP status plus SAP's <c>{"error":{"code":..,"message":..}}</c> envelope.
/// Business rules throw it; the engine turns it into the envelope of the answering version (see <see cref="ErrorEnvelope"/>).
/// </summary>
public sealed class SapException(int httpStatus, int code, string sapMessage) : Exception(sapMessage)
{
    public int HttpStatus { get; } = httpStatus;
    public int Code { get; } = code;
    public string SapMessage { get; } = sapMessage;

    /// <summary>True when the error comes from a row lock (user or document) rather than a business rule.</summary>
    public bool IsLockConflict { get; init; }
}

/// <summary>
/// The SAP error codes and texts the emulator answers with. Sources are in
/// /work/shared/reference/service-layer.md §2–§4; where no public source names a code the choice is marked.
/// </summary>
public static class SapErrors
{
    public const int InvalidSessionCode = 301;
    public const string InvalidSessionText = "Invalid session or session already timeout.";
    public const int LoginFailedCode = 100000027;
    /// <summary>DI API code -118. No public source names the SL error for "too many sessions" (reference §3); this is our choice.</summary>
    public const int TooManySessionsCode = -118;
    public const string TooManySessionsText = "Exceeded the number of max concurrent users";
    public const int NoMatchingRecordsCode = -2028;
    public const string NoMatchingRecordsText = "No matching records found (ODBC -2028)";
    public const int DuplicateKeyCode = -2035;
    public const string DuplicateKeyText = "This entry already exists in the following tables (ODBC -2035)";
    public const int ConflictCode = -2039;
    public const string ConflictText = "Another user or another operation modified data; to continue, open the window again (ODBC -2039)";
    public const int BusinessRuleCode = -10;
    public const int GenericValidationCode = -5002;
    public const int BatchSerialSelectionCode = -4014;
    public const string BatchSerialSelectionText = "Cannot add row without complete selection of batch/serial numbers";
    public const int OperationNotAllowedCode = -5006;
    /// <summary>A real -5002 text reference §4 records; its wording fits a partner with postings, the emulator answers it for any document naming the partner.</summary>
    public const string PartnerLinkedText = "253000019 - Journal entries linked to card";
    /// <summary>Seen in real SL answers for unknown properties: "Property 'X' of 'Document' is invalid".</summary>
    public const int InvalidPropertyCode = -1000;
    /// <summary>SL v2 answer when a changeset part has no Content-ID (B1SLayer issue #8, code "244").</summary>
    public const int MissingContentIdCode = 244;

    public static SapException InvalidSession() => new(401, InvalidSessionCode, InvalidSessionText);
    public static SapException LoginFailed() => new(401, LoginFailedCode, "Login failed");
    public static SapException TooManySessions() => new(401, TooManySessionsCode, TooManySessionsText);
    public static SapException NotFound() => new(404, NoMatchingRecordsCode, NoMatchingRecordsText);

    /// <summary>A bad foreign key inside a payload: 400 -2028, DI style "[OINV.GroupNum] , 'No matching records found (ODBC -2028)'" (KBA 2693418).</summary>
    public static SapException BadReference(string column, string? line = null) =>
        new(400, NoMatchingRecordsCode, $"[{column}]{line} , '{NoMatchingRecordsText}'");

    public static SapException BadReference(string text) => new(400, NoMatchingRecordsCode, text);
    public static SapException Rule(string text) => new(400, BusinessRuleCode, text);
    public static SapException Validation(string text) => new(400, GenericValidationCode, text);
    public static SapException BatchSerialMissing() => new(400, BatchSerialSelectionCode, BatchSerialSelectionText);
    public static SapException NotAllowed(string text = "Operation not allowed") => new(400, OperationNotAllowedCode, text);

    /// <summary>DELETE of a partner that a document names (-5002, reference §4).</summary>
    public static SapException PartnerLinked() => Validation(PartnerLinkedText);

    /// <summary>DELETE of an item that a document names: -5002 as for partners; no public source gives SAP's text, this DI-style one is ours.</summary>
    public static SapException ItemLinked(string itemCode) =>
        Validation($"Item is linked to documents and cannot be removed [OITM.ItemCode] , '{itemCode}'");

    public static SapException InvalidProperty(string property, string typeName) =>
        new(400, InvalidPropertyCode, $"Property '{property}' of '{typeName}' is invalid");
    public static SapException BadQuery(string text) => new(400, InvalidPropertyCode, text);
    public static SapException ResourceNotFound(string segment) =>
        new(404, InvalidPropertyCode, $"Resource not found for the segment '{segment}'.");
}
