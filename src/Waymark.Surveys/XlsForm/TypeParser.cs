using System.Text.RegularExpressions;

namespace Waymark.Surveys.XlsForm;

/// <summary>What a survey row's <c>type</c> cell says.</summary>
internal abstract record RowType;

/// <summary>A question; <see cref="Preset"/> names a pyxform type that is another type with presets ("phone number", "hidden").</summary>
internal sealed record QuestionRow(QuestionType Type, string? ListName, bool OrOther, string? Preset = null) : RowType;

/// <summary>Device metadata (start, end, deviceid, …): Waymark records none of it, so the row is dropped with a warning.</summary>
internal sealed record MetadataRow(string Type) : RowType;

internal sealed record BeginGroupRow : RowType;

internal sealed record EndGroupRow : RowType;

/// <summary>A type Waymark refuses, with the reason the message gives.</summary>
internal sealed record Unsupported(string Reason) : RowType;

/// <summary>Reads XLSForm type cells with pyxform's spellings ("select one from X or specify other" and the like).</summary>
internal static partial class TypeParser
{
    /// <summary>The preset of <c>select_one_external L</c>: a select_one whose list is in the external_choices sheet.</summary>
    public const string External = "external";

    private static readonly Dictionary<string, QuestionType> Simple = new(StringComparer.Ordinal)
    {
        ["text"] = QuestionType.Text,
        ["string"] = QuestionType.Text,
        ["integer"] = QuestionType.IntegerNumber,
        ["int"] = QuestionType.IntegerNumber,
        ["decimal"] = QuestionType.DecimalNumber,
        ["date"] = QuestionType.Date,
        ["note"] = QuestionType.Note,
        ["calculate"] = QuestionType.Calculate,
        ["acknowledge"] = QuestionType.Acknowledge,
        ["trigger"] = QuestionType.Acknowledge,
    };

    /// <summary>pyxform's metadata types (values the device fills in: times, identifiers, account, location, audio).</summary>
    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "start", "end", "today", "deviceid", "imei", "subscriberid", "simserial", "phonenumber", "username", "email",
        "audit", "start-geopoint", "background-audio", "background-geopoint", "uri:deviceid", "uri:subscriberid",
        "uri:simserial", "uri:phonenumber", "uri:username", "uri:email", "start time", "end time", "get start time",
        "get end time", "get today", "get device id", "get subscriber id", "subscriber id", "device id", "sim id",
        "get sim id", "get phone number",
    };

    private static readonly HashSet<string> Media = new(StringComparer.Ordinal)
    {
        "image", "photo", "audio", "video", "file", "background-audio",
    };

    private static readonly HashSet<string> Location = new(StringComparer.Ordinal) { "geopoint", "geotrace", "geoshape", "gps" };

    public static RowType Parse(string cell)
    {
        var type = Whitespace().Replace(cell.Trim(), " ").ToLowerInvariant();
        if (Simple.TryGetValue(type, out var simple))
        {
            return new QuestionRow(simple, null, false);
        }

        switch (type)
        {
            case "begin group" or "begin_group":
                return new BeginGroupRow();
            case "end group" or "end_group":
                return new EndGroupRow();
            case "begin repeat" or "begin_repeat" or "end repeat" or "end_repeat":
                return new Unsupported($"repeats ('{type}') are not supported");
        }

        if (type.StartsWith("begin loop", StringComparison.Ordinal) || type is "end loop" or "end_loop")
        {
            return new Unsupported($"loops ('{type}') are not supported");
        }

        if (Select().Match(type) is { Success: true } select)
        {
            var kind = select.Groups["kind"].Value.StartsWith("select_one", StringComparison.Ordinal) || select.Groups["kind"].Value.StartsWith("select one", StringComparison.Ordinal)
                ? QuestionType.SelectOne
                : QuestionType.SelectMultiple;
            return new QuestionRow(kind, select.Groups["list"].Value, select.Groups["other"].Success);
        }

        var head = type.Split(' ')[0];
        if (Metadata.Contains(type))
        {
            return new MetadataRow(type);
        }

        switch (type)
        {
            case "phone number" or "phone_number":
                return new QuestionRow(QuestionType.Text, null, false, "phone number");
            case "hidden":
                return new QuestionRow(QuestionType.Calculate, null, false, "hidden");
        }

        if (Media.Contains(head))
        {
            return new Unsupported($"media question type '{type}' is not supported (Waymark handles text and answers only)");
        }

        if (Location.Contains(head))
        {
            return new Unsupported($"location question type '{type}' is not supported (Waymark never asks where a respondent is)");
        }

        if (ExternalSelect().Match(type) is { Success: true } externalSelect)
        {
            // pyxform writes an input whose items ODK reads from a file made of the external_choices sheet; on a
            // server page it is a select_one of that sheet's list, its choice_filter applied.
            return new QuestionRow(QuestionType.SelectOne, externalSelect.Groups["list"].Value, false, External);
        }

        if (head == "osm")
        {
            return new Unsupported("question type 'osm' (a feature picked on a map) is not supported (Waymark never asks where a respondent is)");
        }

        if (head.EndsWith("_from_file", StringComparison.Ordinal))
        {
            return new Unsupported($"question type '{head}' is not supported (it reads a data file attached to the form on a device): put the choices in the choices sheet");
        }

        if (head.StartsWith("select_one_", StringComparison.Ordinal) || head.StartsWith("select_multiple_", StringComparison.Ordinal))
        {
            return new Unsupported($"question type '{head}' is not supported");
        }

        return new Unsupported(type == "include" ? "'include' (questions from another form) is not supported" : $"question type '{type}' is not supported");
    }

    [GeneratedRegex(@"^select_one_external (?<list>[^\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalSelect();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<kind>select_one|select one|select one from|select_multiple|select multiple|select all that apply|select all that apply from|select_multiple from) (?<list>[^\s]+)(?<other> or_other| or specify other)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Select();
}
