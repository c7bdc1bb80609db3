namespace Waymark.Surveys.XlsForm;

/// <summary>
/// The header spellings pyxform accepts for the same column (its alias table, read from pyxform 4.5), and what
/// the resulting tokens mean to Waymark. A header first becomes tokens (<c>bind::relevant</c> → bind, relevant);
/// an alias replaces the first token (<c>relevance</c> → bind, relevant); <see cref="Meaning"/> names the column
/// the importer reads (<c>relevant</c>) or keeps the XForm attribute it does not know (<c>bind::jr:preload</c>).
/// </summary>
internal static class HeaderAliases
{
    private static readonly Dictionary<string, string[]> Survey = new(StringComparer.Ordinal)
    {
        ["read_only"] = ["bind", "readonly"],
        ["readonly"] = ["bind", "readonly"],
        ["relevant"] = ["bind", "relevant"],
        ["relevance"] = ["bind", "relevant"],
        ["required"] = ["bind", "required"],
        ["constraint"] = ["bind", "constraint"],
        ["constraining_message"] = ["bind", "jr:constraintMsg"],
        ["constraint_message"] = ["bind", "jr:constraintMsg"],
        ["calculation"] = ["bind", "calculate"],
        ["calculate"] = ["bind", "calculate"],
        ["requiredmsg"] = ["bind", "jr:requiredMsg"],
        ["required_message"] = ["bind", "jr:requiredMsg"],
        ["noapperrorstring"] = ["bind", "jr:noAppErrorString"],
        ["no_app_error_string"] = ["bind", "jr:noAppErrorString"],
        ["save_to"] = ["bind", "entities:saveto"],
        ["appearance"] = ["control", "appearance"],
        ["count"] = ["control", "jr:count"],
        ["repeat_count"] = ["control", "jr:count"],
        ["jr:count"] = ["control", "jr:count"],
        ["autoplay"] = ["control", "autoplay"],
        ["rows"] = ["control", "rows"],
        ["body"] = ["control"],
        ["compact_tag"] = ["instance", "odk:tag"],
        ["caption"] = ["label"],
        ["command"] = ["type"],
        ["tag"] = ["name"],
        ["value"] = ["name"],
        ["image"] = ["media", "image"],
        ["big-image"] = ["media", "big-image"],
        ["audio"] = ["media", "audio"],
        ["video"] = ["media", "video"],
    };

    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        ["caption"] = ["label"],
        ["value"] = ["name"],
        ["image"] = ["media", "image"],
        ["big-image"] = ["media", "big-image"],
        ["audio"] = ["media", "audio"],
        ["video"] = ["media", "video"],
    };

    private static readonly Dictionary<string, string[]> Settings = new(StringComparer.Ordinal)
    {
        ["form_title"] = ["form_title"],
        ["set_form_title"] = ["form_title"],
        ["title"] = ["form_title"],
        ["form_id"] = ["form_id"],
        ["set_form_id"] = ["form_id"],
        ["id_string"] = ["form_id"],
    };

    /// <summary>XForm bind attributes Waymark evaluates, by the column name the importer reads.</summary>
    private static readonly Dictionary<string, string> BindColumns = new(StringComparer.Ordinal)
    {
        ["relevant"] = "relevant",
        ["constraint"] = "constraint",
        ["required"] = "required",
        ["calculate"] = "calculation",
        ["readonly"] = "read_only",
        ["jr:constraintMsg"] = "constraint_message",
        ["jr:requiredMsg"] = "required_message",
        ["jr:noAppErrorString"] = "no_app_error_string",
    };

    private static readonly Dictionary<string, string> ControlColumns = new(StringComparer.Ordinal)
    {
        ["appearance"] = "appearance",
        ["jr:count"] = "repeat_count",
    };

    public static IReadOnlyDictionary<string, string[]> For(SheetKind kind) => kind switch
    {
        SheetKind.Survey => Survey,
        SheetKind.Choices => Choices,
        _ => Settings,
    };

    /// <summary>pyxform's snake case: runs of white space become one '_', lower case.</summary>
    public static string SnakeCase(string value) =>
        string.Join('_', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The column the importer reads for these tokens, and the translation language if one follows.</summary>
    public static (string Base, string? Language) Meaning(SheetKind kind, string[] tokens)
    {
        var head = tokens[0];
        var rest = tokens.Length > 1 ? tokens[1] : null;
        var language = tokens.Length > 2 ? string.Join("::", tokens.Skip(2)) : null;
        switch (head)
        {
            case "bind" when kind == SheetKind.Survey && rest is not null:
                return BindColumns.TryGetValue(rest, out var bind) ? (bind, language) : (Attribute(tokens), null);
            case "control" when kind == SheetKind.Survey && rest is not null:
                return ControlColumns.TryGetValue(rest, out var control) ? (control, language) : (Attribute(tokens), null);
            case "instance" when kind == SheetKind.Survey && rest is not null:
                return (Attribute(tokens), null);
            case "media" when rest is not null:
                return (rest.ToLowerInvariant(), language);
        }

        return (head, tokens.Length > 1 ? string.Join("::", tokens.Skip(1)) : null);
    }

    /// <summary>"bind::odk:length" for the tokens bind, odk, length (legacy single colons) or bind, odk:length.</summary>
    private static string Attribute(string[] tokens) => tokens[0] + "::" + string.Join(':', tokens.Skip(1));
}
