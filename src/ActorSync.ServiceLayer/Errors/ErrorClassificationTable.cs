using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorSync.ServiceLayer;

/// <summary>
/// One row of <see cref="ErrorClassificationTable"/>: every condition that is set must hold; unset ones are ignored.
/// A POCO so lists of rules bind from configuration, e.g.
/// <c>"Errors": { "Overrides": [ { "Code": "-2039", "Category": "Transient" } ] }</c>.
/// </summary>
public sealed class ErrorClassificationRule
{
    /// <summary>Label shown in logs and in <see cref="ServiceLayerError.MatchedRule"/>.</summary>
    public string? Name { get; set; }

    public int? HttpStatus { get; set; }

    /// <summary>SAP code as text. "-2039" also matches a numeric -2039, because SAP sends both shapes (reference §4).</summary>
    public string? Code { get; set; }

    /// <summary>Case-insensitive substring of the error message.</summary>
    public string? MessageContains { get; set; }

    /// <summary>.NET regular expression over the message (case-insensitive).</summary>
    public string? MessagePattern { get; set; }

    /// <summary>true: only bodies that carried SAP's <c>{"error":…}</c> envelope; false: only bodies that did not
    /// (Apache pages, empty bodies); null: either.</summary>
    public bool? HasErrorEnvelope { get; set; }

    public ErrorCategory Category { get; set; } = ErrorCategory.Unknown;

    /// <summary>Why the rule exists (a reference section, a field observation).</summary>
    public string? Note { get; set; }

    // Rules are mutable POCOs (configuration binding), so the compiled pattern remembers its source; one
    // reference keeps the pair consistent when several threads classify at once.
    private sealed record CompiledPattern(string Source, Regex Regex);
    private CompiledPattern? _compiled;

    internal bool HasAnyCondition =>
        HttpStatus is not null || !string.IsNullOrEmpty(Code) || !string.IsNullOrEmpty(MessageContains) ||
        !string.IsNullOrEmpty(MessagePattern) || HasErrorEnvelope is not null;

    internal bool Matches(int status, string code, string message, bool hasEnvelope)
    {
        if (HttpStatus is { } s && s != status) return false;
        if (HasErrorEnvelope is { } e && e != hasEnvelope) return false;
        if (!string.IsNullOrEmpty(Code) && !CodesEqual(Code, code)) return false;
        if (!string.IsNullOrEmpty(MessageContains) && !message.Contains(MessageContains, StringComparison.OrdinalIgnoreCase)) return false;
        if (!string.IsNullOrEmpty(MessagePattern) && !GetRegex().IsMatch(message)) return false;
        return true;
    }

    internal Regex GetRegex()
    {
        var pattern = MessagePattern ?? "";
        var cached = _compiled;
        if (cached is not null && cached.Source == pattern) return cached.Regex;
        cached = new CompiledPattern(pattern,
            new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)));
        _compiled = cached;
        return cached.Regex;
    }

    internal static bool CodesEqual(string ruleCode, string actual)
    {
        var a = ruleCode.Trim();
        var b = actual.Trim();
        if (long.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) &&
            long.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y))
            return x == y;
        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    public ErrorClassificationRule Clone() => new()
    {
        Name = Name, HttpStatus = HttpStatus, Code = Code, MessageContains = MessageContains,
        MessagePattern = MessagePattern, HasErrorEnvelope = HasErrorEnvelope, Category = Category, Note = Note,
    };

    public override string ToString() => Name ?? $"status={HttpStatus} code={Code} contains={MessageContains} pattern={MessagePattern} → {Category}";
}

/// <summary>
/// Ordered rules mapping (HTTP status, SAP code, message) to an <see cref="ErrorCategory"/>. First match wins:
/// <see cref="Overrides"/> (yours) first, then <see cref="Rules"/> (the defaults, or your replacement), then
/// <see cref="Fallback"/>. Data, not code: bind it from configuration or edit it.
/// </summary>
public sealed class ErrorClassificationTable
{
    /// <summary>Checked before <see cref="Rules"/>. Configuration binding appends here, which is why it is a
    /// separate list: a bound rule appended after the defaults would never win.</summary>
    public List<ErrorClassificationRule> Overrides { get; set; } = [];

    public List<ErrorClassificationRule> Rules { get; set; } = [];

    public ErrorCategory Fallback { get; set; } = ErrorCategory.Unknown;

    /// <summary>
    /// A fresh table built from the Service Layer reference (each access returns a new copy).
    /// Where sources disagree the rule says so in its <see cref="ErrorClassificationRule.Note"/>, and an override
    /// flips it: e.g. <c>Override("-2039", ErrorCategory.Transient)</c> for integrators that retry lock conflicts.
    /// </summary>
    public static ErrorClassificationTable Default => new() { Rules = DefaultRules() };

    /// <summary>Adds a rule for one SAP code in front of everything else; returns this table.</summary>
    public ErrorClassificationTable Override(string code, ErrorCategory category, int? httpStatus = null)
    {
        Overrides.Add(new ErrorClassificationRule
        {
            Name = $"override {code}" + (httpStatus is null ? "" : $" on {httpStatus}"),
            Code = code,
            HttpStatus = httpStatus,
            Category = category,
        });
        return this;
    }

    /// <summary>Adds a rule in front of everything else; returns this table.</summary>
    public ErrorClassificationTable Override(ErrorClassificationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Overrides.Add(rule);
        return this;
    }

    /// <summary>The category and the rule that chose it (null for <see cref="Fallback"/>).</summary>
    public (ErrorCategory Category, ErrorClassificationRule? Rule) Classify(int httpStatus, string code, string message, bool hasErrorEnvelope)
    {
        code ??= "";
        message ??= "";
        foreach (var rule in Overrides)
            if (rule.Matches(httpStatus, code, message, hasErrorEnvelope)) return (rule.Category, rule);
        foreach (var rule in Rules)
            if (rule.Matches(httpStatus, code, message, hasErrorEnvelope)) return (rule.Category, rule);
        return (Fallback, null);
    }

    public ErrorClassificationTable Clone() => new()
    {
        Overrides = Overrides.Select(r => r.Clone()).ToList(),
        Rules = Rules.Select(r => r.Clone()).ToList(),
        Fallback = Fallback,
    };

    internal void Validate(string settingName)
    {
        Check(Overrides, $"{settingName}.{nameof(Overrides)}");
        Check(Rules, $"{settingName}.{nameof(Rules)}");
        if (!Enum.IsDefined(Fallback))
            throw ServiceLayerOptions.Bad($"{settingName}.{nameof(Fallback)}", $"is not a known category ({(int)Fallback}).");

        static void Check(List<ErrorClassificationRule>? rules, string name)
        {
            if (rules is null) throw ServiceLayerOptions.Bad(name, "is required (may be empty).");
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                var at = $"{name}[{i}]";
                if (rule is null) throw ServiceLayerOptions.Bad(at, "is null.");
                // A rule without conditions matches everything; from configuration that is almost always a typo
                // in a key name, and it would silently swallow every later rule.
                if (!rule.HasAnyCondition)
                    throw ServiceLayerOptions.Bad(at, "has no condition (set HttpStatus, Code, MessageContains, MessagePattern or HasErrorEnvelope).");
                if (!Enum.IsDefined(rule.Category))
                    throw ServiceLayerOptions.Bad(at, $"has an unknown category ({(int)rule.Category}).");
                if (!string.IsNullOrEmpty(rule.MessagePattern))
                {
                    try { _ = rule.GetRegex(); }
                    catch (ArgumentException e) { throw ServiceLayerOptions.Bad(at, $"has an invalid MessagePattern: {e.Message}"); }
                }
            }
        }
    }

    private static List<ErrorClassificationRule> DefaultRules() =>
    [
        // --- Sessions (reference §2) -------------------------------------------------------------------------
        new() { Name = "invalid-session-301", Code = "301", Category = ErrorCategory.InvalidSession,
                Note = "401 + 301: missing/expired session; also a wrong-case URL such as /login (§1, §2)" },

        // --- Login (reference §3): not retryable, a human must fix credentials or unlock the user -----------------
        new() { Name = "login-failed-100000027", Code = "100000027", Category = ErrorCategory.Validation,
                Note = "401 Login failed: wrong company, user or password (§3, medium confidence)" },
        new() { Name = "login-user-locked-100000055", Code = "100000055", Category = ErrorCategory.Validation,
                Note = "user locked (§3, medium confidence)" },
        new() { Name = "too-many-sessions-118", Code = "-118", Category = ErrorCategory.Transient,
                Note = "DI's 'Exceeded the number of max concurrent users' (§3): passes when a session ends, so wait and retry" },
        new() { Name = "too-many-users-8009", Code = "-8009", Category = ErrorCategory.Transient,
                Note = "DI's 'Too many users connected' (§3): wait and retry" },

        // --- Concurrency (reference §4, §6) ---------------------------------------------------------------------
        new() { Name = "modified-by-another-2039", Code = "-2039", Category = ErrorCategory.LockConflict,
                Note = "optimistic-concurrency conflict (412 with If-Match). Some integrators treat it as transient and retry: override to Transient to do the same (§4)" },
        new() { Name = "etag-precondition-412", HttpStatus = 412, Category = ErrorCategory.LockConflict,
                Note = "ETag mismatch (§4, §6)" },
        new() { Name = "locked-text", MessagePattern = @"another user|\bis locked\b|\blocked by\b", Category = ErrorCategory.LockConflict,
                Note = "lock texts without a stable code (§4)" },

        // --- Duplicates (reference §4) ------------------------------------------------------------------------
        new() { Name = "already-exists-2035", Code = "-2035", Category = ErrorCategory.Duplicate,
                Note = "duplicate key on insert. Kept apart from -2039 so either can be re-mapped on its own (§4)" },
        new() { Name = "already-exists-text", MessagePattern = @"already exists?\b", Category = ErrorCategory.Duplicate,
                Note = "-5002 '…already exists' and custom TransactionNotification duplicates (§4)" },

        // --- Not found vs bad reference: same code, different status (reference §4) --------------------------------
        new() { Name = "not-found-2028", HttpStatus = 404, Code = "-2028", Category = ErrorCategory.NotFound,
                Note = "key not found on GET/PATCH/DELETE; there is no upsert (§4)" },
        new() { Name = "not-found-404", HttpStatus = 404, Category = ErrorCategory.NotFound },
        new() { Name = "bad-reference-2028", HttpStatus = 400, Code = "-2028", Category = ErrorCategory.Validation,
                Note = "a reference inside the payload points nowhere, e.g. [OINV.GroupNum] (§4)" },

        // --- Business rules (reference §4) ----------------------------------------------------------------------
        new() { Name = "business-rule-10", Code = "-10", Category = ErrorCategory.Validation,
                Note = "'<msg no> - text', inactive customer/item, negative stock, tax code (§4)" },
        new() { Name = "di-validation-5002", Code = "-5002", Category = ErrorCategory.Validation, Note = "generic DI-core validation (§4)" },
        new() { Name = "batch-serial-missing-4014", Code = "-4014", Category = ErrorCategory.Validation,
                Note = "batch/serial-managed line without BatchNumbers/SerialNumbers (§4)" },
        new() { Name = "operation-not-allowed-5006", Code = "-5006", Category = ErrorCategory.Validation, Note = "§4, medium confidence" },
        new() { Name = "bad-request-400", HttpStatus = 400, Category = ErrorCategory.Validation,
                Note = "400 is SAP's status for business and validation errors, custom SBO_SP_TransactionNotification texts included (§4)" },

        // --- The road to SAP (reference §4, §9) -----------------------------------------------------------------
        new() { Name = "proxy-error-502", HttpStatus = 502, Category = ErrorCategory.Transient,
                Note = "Apache 'Proxy Error … Error reading from remote server' (HTML): node died or proxy timeout (§4)" },
        new() { Name = "unavailable-503", HttpStatus = 503, Category = ErrorCategory.Transient, Note = "node down (§1)" },
        new() { Name = "gateway-timeout-504", HttpStatus = 504, Category = ErrorCategory.Transient },
        new() { Name = "empty-500", HttpStatus = 500, HasErrorEnvelope = false, Category = ErrorCategory.Transient,
                Note = "load balancer's empty 500 (e.g. on Expect: 100-continue, §4)" },
        new() { Name = "request-timeout-408", HttpStatus = 408, Category = ErrorCategory.Transient },
        new() { Name = "too-many-requests-429", HttpStatus = 429, Category = ErrorCategory.Transient },
    ];
}
