using System.Text.RegularExpressions;

namespace Waymark.Surveys.XlsForm;

/// <summary>What a survey row's <c>type</c> cell says.</summary>
internal abstract record RowType;

internal sealed record QuestionRow(QuestionType Type, string? ListName, bool OrOther) : RowType;

internal sealed record BeginGroupRow : RowType;

internal sealed record EndGroupRow : RowType;

/// <summary>A type Waymark refuses, with the reason the message gives.</summary>
internal sealed record Unsupported(string Reason) : RowType;

/// <summary>Reads XLSForm type cells with pyxform's spellings ("select one from X or specify other" and the like).</summary>
internal static partial class TypeParser
{
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

    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email",
        "audit", "start-geopoint", "background-audio", "uri:deviceid", "uri:subscriberid", "uri:simserial",
        "uri:phonenumber", "uri:username", "uri:email",
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
            return new Unsupported($"metadata '{type}' is not supported (Waymark records nothing about the respondent's device, account or time)");
        }

        if (Media.Contains(head))
        {
            return new Unsupported($"media question type '{type}' is not supported (Waymark handles text and answers only)");
        }

        if (Location.Contains(head))
        {
            return new Unsupported($"location question type '{type}' is not supported (Waymark never asks where a respondent is)");
        }

        if (head.StartsWith("select_one_", StringComparison.Ordinal) || head.StartsWith("select_multiple_", StringComparison.Ordinal) || head == "osm")
        {
            return new Unsupported($"question type '{head}' (choices from an external file or map) is not supported");
        }

        return new Unsupported(type == "include" ? "'include' (questions from another form) is not supported" : $"question type '{type}' is not supported");
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<kind>select_one|select one|select one from|select_multiple|select multiple|select all that apply|select all that apply from|select_multiple from) (?<list>[^\s]+)(?<other> or_other| or specify other)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Select();
}
