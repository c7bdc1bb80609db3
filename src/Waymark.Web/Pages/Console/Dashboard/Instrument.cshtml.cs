using Microsoft.AspNetCore.Mvc;
using Waymark.Storage;
using Waymark.Surveys;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Dashboard;

/// <summary>
/// A survey's dashboard, the researcher's landing page for it: responses per day (an SVG chart and the
/// same figures as a table, from the clear columns, so without opening any answer), when this session's
/// unlocked key is wiped, the data-quality flags with their rules and counts, and a summary of every
/// question in the form's order (the analyses page's own tables and charts, small counts hidden) of the
/// responses the filter keeps. Everything is a GET: the filter and the label language are in the query.
/// </summary>
public sealed class InstrumentModel(WaymarkDatabase database, SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : AnalystPage(catalog, access, accounts)
{
    internal InstrumentCounts Counts { get; private set; } = null!;

    /// <summary>The days the chart shows, zeros included.</summary>
    internal IReadOnlyList<DayCount> Days { get; private set; } = [];

    internal string DayChartSvg { get; private set; } = "";

    internal ResponseFilter Filter { get; private set; } = null!;

    internal FilteredResponses? Filtered { get; private set; }

    /// <summary>Every question of the form in its order with its summary (choice and number questions) or what else there is to say.</summary>
    internal IReadOnlyList<QuestionSummary> Questions { get; private set; } = [];

    /// <summary>Each flag's count among the opened responses (before the filter); empty while the answers are locked.</summary>
    internal IReadOnlyDictionary<string, int> FlagCounts { get; private set; } = new Dictionary<string, int>();

    /// <summary>When this session's keys are wiped: after the idle time without a request, at the latest at the absolute time; null when it holds none.</summary>
    internal (DateTimeOffset Idle, DateTimeOffset Absolute)? KeyExpiry { get; private set; }

    public string? NotOpened { get; private set; }

    /// <summary>The survey's paths on the public site: one per form language the site's pages come in (English otherwise).</summary>
    internal IReadOnlyList<string> PublicPaths => SurveyLinks.PublicPaths(Entry.Instrument);

    public bool Locked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string instrument, string? language, CancellationToken cancellationToken)
    {
        if (!Load(instrument, language))
        {
            return NotFound();
        }

        var counts = (await database.SurveyResponses.CountByMetadataAsync(cancellationToken)).Where(c => c.Instrument == Entry.Id).ToList();
        Counts = InstrumentCounts.Build([Entry], counts).Single(c => c.Id == Entry.Id);
        Days = DayChart.Series(counts.Where(c => c.Day is not null).Select(c => new DayCount(c.Day!.Value, c.Count)));
        DayChartSvg = DayChart.Draw(Days, "days-chart", $"Responses to {Entry.Id} per day (UTC)");
        Filter = ResponseFilter.Read(name => Request.Query[name].FirstOrDefault(), ResponseFilter.Exclude);
        if (!CanRead)
        {
            Locked = true;
            return Page();
        }

        Filtered = await FilteredResponses.OpenAsync(Access, Entry, SessionId, Filter, cancellationToken);
        if (Filtered.Opened.Locked)
        {
            Locked = true;
            return Page();
        }

        KeyExpiry = Entry.Keys.Count > 0 ? Access.KeyExpiry(SessionId) : null;
        NotOpened = Filtered.Opened.NotOpenedSummary;
        FlagCounts = ResponseFilter.Rules.ToDictionary(
            r => r.Flag, r => Filtered.Opened.Records.Count(record => record.Flags.Contains(r.Flag, StringComparer.Ordinal)), StringComparer.Ordinal);
        Questions = Summarise(Entry.Instrument, Filtered.Kept, Language);
        return Page();
    }

    /// <summary>Every asked question in form order (notes and calculations are not asked): a summary of each choice and number question, the answered count of the rest.</summary>
    private static List<QuestionSummary> Summarise(Instrument instrument, IReadOnlyList<Waymark.Responses.ResponseRecord> kept, string language)
    {
        var countable = AnswerTables.Countable(instrument).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        var summaries = new List<QuestionSummary>();
        var index = 0;
        foreach (var question in instrument.Questions.Where(q => q.Type is not (QuestionType.Note or QuestionType.Calculate)))
        {
            index++;
            var prefix = $"q{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}-";
            var answered = kept.Count(r => r.Answers.TryGetValue(question.Name, out var value) && value.Length > 0);
            var title = AnswerTables.LabelOf(instrument, question, language);
            if (instrument.RepeatOf(question.Name) is { } repeat)
            {
                summaries.Add(new QuestionSummary(question, title, prefix, null, $"Asked in the repeat {repeat.Name}: its answers are in the repeat's own table of the exports."));
            }
            else if (countable.Contains(question.Name))
            {
                var (view, error) = AnswerTables.Summary(instrument, kept, question.Name, language, prefix);
                summaries.Add(new QuestionSummary(question, title, prefix, view is null ? null : new SummaryBlock(view, prefix, kept.Count, 3), error));
            }
            else
            {
                summaries.Add(new QuestionSummary(question, title, prefix, null, $"{question.Type.ToString().ToLowerInvariant()} question, answered in {(SmallCells.IsSmall(answered) ? SmallCells.Shown : answered.ToString(System.Globalization.CultureInfo.InvariantCulture))} of {kept.Count} responses: read the answers in the answers table."));
            }
        }

        return summaries;
    }

    /// <summary>A link to this dashboard with the filter changed to leave out (or keep) the responses with <paramref name="flag"/>.</summary>
    internal string FlagLink(string flag, string choice)
    {
        var fields = Filter.Fields().Where(f => f.Key != ResponseFilter.FlagPrefix + flag).ToList();
        if (choice != ResponseFilter.Include)
        {
            fields.Add(KeyValuePair.Create(ResponseFilter.FlagPrefix + flag, choice));
        }

        fields.Add(KeyValuePair.Create("language", Language));
        return $"/console/dashboard/{Uri.EscapeDataString(Entry.Id)}?" + string.Join('&', fields.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}

/// <summary>One question on the dashboard: its summary block, or a sentence saying why there is none.</summary>
internal sealed record QuestionSummary(Question Question, string Title, string Prefix, SummaryBlock? Block, string? Note);
