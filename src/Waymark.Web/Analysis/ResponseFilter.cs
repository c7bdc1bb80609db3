using System.Globalization;
using Waymark.Responses;
using Waymark.Surveys;

namespace Waymark.Web.Analysis;

/// <summary>A data-quality flag and the rule that sets it, as the filter shows them side by side.</summary>
internal sealed record FlagRule(string Flag, string Rule);

/// <summary>
/// Which opened responses the answers, analyses and exports pages use: each quality flag left in,
/// left out or alone; responses set aside as test or junk left out, alone or kept; one form version,
/// one language, a range of days. Read from GET query parameters (or the same names in a POST's form,
/// for the export buttons), so a filtered view is a link and needs no JavaScript.
/// </summary>
internal sealed class ResponseFilter
{
    public const string Include = "include";
    public const string Exclude = "exclude";
    public const string Only = "only";
    public const string MarkedField = "marked";
    public const string VersionField = "version";
    public const string LanguageField = "answered-in";
    public const string FromField = "from";
    public const string ToField = "to";
    public const string FlagPrefix = "flag-";

    /// <summary>Every flag with its rule (docs/surveys-respondents.md, "Data-quality flags").</summary>
    public static readonly IReadOnlyList<FlagRule> Rules =
    [
        new(QualityFlag.Honeypot, "the hidden field was filled in on some page (a robot, most likely)"),
        new(QualityFlag.StraightLining, "every item of a grid (3+ single-choice questions sharing a list on one page, attention checks not counted) got the same answer"),
        new(QualityFlag.Gibberish, "a text answer looks like keyboard mashing"),
        new(QualityFlag.AttentionCheck, "an attention-check question (parameters attention_check=CHOICE) was answered otherwise"),
        new(QualityFlag.Fast, "under one second per answered item in total"),
        new(QualityFlag.Speeding, "fast, and under half the median total time of this instrument's responses"),
        new(QualityFlag.Duplicate, "exactly the same answers as another response"),
    ];

    private ResponseFilter(string marked) => Marked = marked;

    /// <summary>Flag name to <see cref="Exclude"/> or <see cref="Only"/> (a flag not listed is included either way).</summary>
    public Dictionary<string, string> Flags { get; } = new(StringComparer.Ordinal);

    /// <summary>Responses set aside as test or junk: <see cref="Exclude"/>, <see cref="Only"/> or <see cref="Include"/>.</summary>
    public string Marked { get; private set; }

    /// <summary>The default for <see cref="Marked"/> on this page (left out in analyses, shown on the answers page).</summary>
    public string DefaultMarked { get; private init; } = Include;

    public string? Version { get; private set; }

    public string? Language { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    /// <summary>Problems with the values given (an unreadable date); the rest of the filter still applies.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Reads the filter from request values (query or form) by name; unknown values are ignored.</summary>
    public static ResponseFilter Read(Func<string, string?> value, string defaultMarked)
    {
        var filter = new ResponseFilter(defaultMarked) { DefaultMarked = defaultMarked };
        foreach (var rule in Rules)
        {
            if (value(FlagPrefix + rule.Flag) is Exclude or Only)
            {
                filter.Flags[rule.Flag] = value(FlagPrefix + rule.Flag)!;
            }
        }

        if (value(MarkedField) is Include or Exclude or Only)
        {
            filter.Marked = value(MarkedField)!;
        }

        filter.Version = Blank(value(VersionField));
        filter.Language = Blank(value(LanguageField));
        filter.From = filter.Day(value(FromField), "From");
        filter.To = filter.Day(value(ToField), "To");
        return filter;
    }

    /// <summary>Whether any response could be left out by this filter.</summary>
    public bool IsActive => Flags.Count > 0 || Marked != Include || Version is not null || Language is not null || From is not null || To is not null;

    /// <summary>The responses the filter keeps, in their order.</summary>
    public IReadOnlyList<ResponseRecord> Apply(IReadOnlyList<ResponseRecord> records, IReadOnlyDictionary<string, string> marks) =>
        records.Where(r => Keeps(r, marks.ContainsKey(r.Id))).ToList();

    private bool Keeps(ResponseRecord record, bool marked)
    {
        foreach (var (flag, choice) in Flags)
        {
            if (record.Flags.Contains(flag, StringComparer.Ordinal) != (choice == Only))
            {
                return false;
            }
        }

        return (Marked != Exclude || !marked)
            && (Marked != Only || marked)
            && (Version is null || record.Version == Version)
            && (Language is null || record.Language == Language)
            && (From is null || (record.Day is { } day && day >= From))
            && (To is null || (record.Day is { } last && last <= To));
    }

    /// <summary>The filter as name/value pairs that differ from keeping every response: hidden fields of other forms, and links.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields()
    {
        var fields = Flags.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => KeyValuePair.Create(FlagPrefix + f.Key, f.Value)).ToList();

        // Leaving the set-aside responses out (or looking at them alone) travels explicitly: the answers and exports pages
        // keep them by default, so a link from an analysis that left them out must say so.
        if (Marked != DefaultMarked || Marked != Include)
        {
            fields.Add(KeyValuePair.Create(MarkedField, Marked));
        }

        Add(fields, VersionField, Version);
        Add(fields, LanguageField, Language);
        Add(fields, FromField, From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(fields, ToField, To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return fields;
    }

    /// <summary>The filter in words, for captions and the audit log.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        parts.AddRange(Flags.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Value == Only ? $"only flagged {f.Key}" : $"without {f.Key}"));
        parts.Add(Marked switch
        {
            Exclude => "without responses set aside as test or junk",
            Only => "only responses set aside as test or junk",
            _ => "with responses set aside as test or junk",
        });
        if (Version is not null)
        {
            parts.Add($"version {Version}");
        }

        if (Language is not null)
        {
            parts.Add($"answered in {Language}");
        }

        if (From is not null || To is not null)
        {
            parts.Add($"days {From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "any"} to {To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "any"}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// The route values of <paramref name="instrument"/>'s page under this filter, for <c>asp-all-route-data</c>: the
    /// instrument fills the route, the filter's fields become the query string.
    /// </summary>
    public Dictionary<string, string> RouteValues(string instrument)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["instrument"] = instrument };
        foreach (var (name, value) in Fields().Where(p => p.Value.Length > 0))
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>The query string of this filter with <paramref name="extra"/> pairs, starting with "?" (or empty).</summary>
    public string Query(params KeyValuePair<string, string>[] extra)
    {
        var pairs = Fields().Concat(extra).Where(p => p.Value.Length > 0).ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    private DateOnly? Day(string? text, string which)
    {
        if (Blank(text) is not { } given)
        {
            return null;
        }

        if (DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Problems.Add($"{which} day '{given}' is not a date as YYYY-MM-DD; it is not used.");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(KeyValuePair.Create(name, value));
        }
    }
}

/// <summary>What the filter form shows: the filter, the choices of version and language, and the fields of the page's other form to keep.</summary>
internal sealed record FilterForm(ResponseFilter Filter, IReadOnlyList<string> Versions, IReadOnlyList<SurveyLanguage> Languages, IReadOnlyList<KeyValuePair<string, string>> Keep, string Action);

/// <summary>Opened responses after the filter, with the marks of the whole instrument.</summary>
internal sealed record FilteredResponses(OpenedResponses Opened, IReadOnlyList<ResponseRecord> Kept, IReadOnlyDictionary<string, string> Marks)
{
    /// <summary>The form versions among the opened responses, for the version choice.</summary>
    public IReadOnlyList<string> Versions => Opened.Records.Select(r => r.Version).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The kept responses as the exports read them, each with its mark.</summary>
    public IReadOnlyList<Waymark.Surveys.Responses.SurveyResponse> ForExport() =>
        Kept.Select(r => ResponseExports.ToSurveyResponse(r) with { Excluded = Marks.GetValueOrDefault(r.Id) }).ToList();

    public static async Task<FilteredResponses> OpenAsync(
        ResponseAccess access, Surveys.SurveyEntry entry, string? session, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAllAsync(entry, session, cancellationToken).ConfigureAwait(false);
        var marks = await access.MarksAsync(entry, cancellationToken).ConfigureAwait(false);
        return new FilteredResponses(opened, filter.Apply(opened.Records, marks), marks);
    }
}
