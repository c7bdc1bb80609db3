using System.Text.RegularExpressions;

namespace Waymark.Surveys.XlsForm;

/// <summary>What a survey row's <c>type</c> cell says.</summary>
internal abstract record RowType;

/// <summary>A question; <see cref="Preset"/> names a pyxform type that is another type with presets ("phone number", "hidden").</summary>
internal sealed record QuestionRow(QuestionType Type, string? ListName, bool OrOther, string? Preset = null) : RowType;

/// <summary>Device metadata (start, end, deviceid, …): Waymark records none of it, so the row is dropped with a warning.</summary>
internal sealed record MetadataRow(string Type) : RowType;

/// <summary><c>begin group</c>, or <c>begin repeat</c> when <see cref="Repeat"/> (also pyxform's <c>begin lgroup</c>, <c>begin looped group</c>).</summary>
internal sealed record BeginGroupRow(bool Repeat = false) : RowType;

/// <summary><c>end group</c> or <c>end repeat</c> (which closes which is checked as pyxform does: any end closes the innermost begin).</summary>
internal sealed record EndGroupRow(bool Repeat = false) : RowType;

/// <summary><c>begin loop over LIST</c>: pyxform's groups, one per choice of the list, each holding the loop's questions.</summary>
internal sealed record BeginLoopRow(string ListName) : RowType;

internal sealed record EndLoopRow : RowType;

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
        ["time"] = QuestionType.Time,
        ["datetime"] = QuestionType.DateTime,
        ["date time"] = QuestionType.DateTime,
        ["note"] = QuestionType.Note,
        ["calculate"] = QuestionType.Calculate,
        ["acknowledge"] = QuestionType.Acknowledge,
        ["trigger"] = QuestionType.Acknowledge,

        // pyxform's older spellings of the same types.
        ["add text prompt"] = QuestionType.Text,
        ["q string"] = QuestionType.Text,
        ["add integer prompt"] = QuestionType.IntegerNumber,
        ["q int"] = QuestionType.IntegerNumber,
        ["add decimal prompt"] = QuestionType.DecimalNumber,
        ["q decimal"] = QuestionType.DecimalNumber,
        ["add date prompt"] = QuestionType.Date,
        ["q date"] = QuestionType.Date,
        ["add date time prompt"] = QuestionType.DateTime,
        ["add datetime prompt"] = QuestionType.DateTime,
        ["q date time"] = QuestionType.DateTime,
        ["q datetime"] = QuestionType.DateTime,
        ["add note prompt"] = QuestionType.Note,
        ["q note"] = QuestionType.Note,
        ["add calculate prompt"] = QuestionType.Calculate,
        ["q calculate"] = QuestionType.Calculate,
        ["add acknowledge prompt"] = QuestionType.Acknowledge,
        ["q acknowledge"] = QuestionType.Acknowledge,
    };

    /// <summary>pyxform's integer types with a range constraint (and a hint) built in.</summary>
    public static readonly IReadOnlyDictionary<string, (string Constraint, string? Hint)> Ranges = new Dictionary<string, (string, string?)>(StringComparer.Ordinal)
    {
        ["percentage"] = ("0 <= . and . <= 100", null),
        ["number of days in last month"] = ("0 <= . and . <= 31", "Enter a number 0-31."),
        ["number of days in last six months"] = ("0 <= . and . <= 183", "Enter a number 0-183."),
        ["number of days in last year"] = ("0 <= . and . <= 365", "Enter a number 0-365."),
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
        "image", "photo", "audio", "video", "file", "background-audio", "add image prompt", "add photo prompt", "add audio prompt",
        "add video prompt", "add file prompt", "q picture", "q image", "q audio", "q video",
    };

    private static readonly HashSet<string> Location = new(StringComparer.Ordinal)
    {
        "geopoint", "geotrace", "geoshape", "gps", "location", "q location", "q geopoint", "add location prompt", "q geoshape", "q geotrace",
    };

    public static RowType Parse(string cell)
    {
        var type = Whitespace().Replace(cell.Trim(), " ").ToLowerInvariant();
        if (Simple.TryGetValue(type, out var simple))
        {
            return new QuestionRow(simple, null, false);
        }

        if (Ranges.ContainsKey(type))
        {
            return new QuestionRow(QuestionType.IntegerNumber, null, false, type);
        }

        // pyxform's control rows: begin/end (space or _) group, repeat (also lgroup, looped group), loop.
        if (Control().Match(type) is { Success: true } control)
        {
            var begin = control.Groups["end"].Value == "begin";
            return control.Groups["kind"].Value switch
            {
                "group" => begin ? new BeginGroupRow() : new EndGroupRow(),
                "loop" when !begin => new EndLoopRow(),
                "loop" when control.Groups["list"].Success => new BeginLoopRow(control.Groups["list"].Value),
                "loop" => new Unsupported($"'{type}' needs the choice list it loops over: 'begin loop over LIST'"),
                _ => begin ? new BeginGroupRow(Repeat: true) : new EndGroupRow(Repeat: true),
            };
        }

        if (Select().Match(type) is { Success: true } select)
        {
            var kind = select.Groups["kind"].Value is "select_one" or "select one" or "select one from" or "select1" or "add select one prompt using"
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

        return new Unsupported(type switch
        {
            "include" => "'include' (questions from another form) is not supported",
            "csv-external" or "xml-external" => $"question type '{type}' is not supported (it attaches a data file that pulldata() or instance() read on a device)",
            _ => $"question type '{type}' is not supported",
        });
    }

    [GeneratedRegex(@"^select_one_external (?<list>[^\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalSelect();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<end>begin|end)[ _](?<kind>looped group|lgroup|group|repeat|loop)( (over )?(?<list>[^\s]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Control();

    [GeneratedRegex(@"^(?<kind>select_one|select one|select one from|select1|add select one prompt using|select_multiple|select multiple|select all that apply|select all that apply from|select_multiple from|add select multiple prompt using) (?<list>[^\s]+)(?<other> or_other| or specify other| or other)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Select();
}
