namespace ActorSync.Engine.Connectors;

/// <summary>The checks every connector's settings share: each error names the key (<c>Connectors:Sitoo:ApiPassword</c>), never a value.</summary>
public static class SettingChecks
{
    /// <summary>A secret must be there and be one token; where it should come from is said, what it was is not.</summary>
    public static void Secret(string section, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{section}:{key} is required (best from the environment, {section.Replace(":", "__", StringComparison.Ordinal)}__{key}).", $"{section}:{key}");
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"{section}:{key} must not contain spaces or control characters.", $"{section}:{key}");
    }

    public static void Range(string section, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
            throw new ArgumentException($"{section}:{key} must be between {min} and {max}, was {value}.", $"{section}:{key}");
    }

    public static void Range(string section, string key, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new ArgumentException($"{section}:{key} must be from {min} to {max}, was {value}.", $"{section}:{key}");
    }
}
