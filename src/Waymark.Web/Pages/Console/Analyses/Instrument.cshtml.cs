using Microsoft.AspNetCore.Mvc;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Analyses;

/// <summary>
/// A summary of one question (frequencies in the form's order, or descriptives and a histogram), or
/// a cross-tabulation of two with Pearson's chi-square and the other tests of the statistics library,
/// from the answers opened in memory for this request and kept by the filter. Everything is a GET
/// (the analysis and the filter are in the query), so a view is a link; small counts are hidden.
/// </summary>
public sealed class InstrumentModel(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : AnalystPage(catalog, access, accounts)
{
    public const string FrequenciesAnalysis = "summary";
    public const string CrossTabAnalysis = "crosstab";

    internal FrequencyView? Frequencies { get; private set; }

    internal NumberView? Numbers { get; private set; }

    internal CrossTabView? CrossTab { get; private set; }

    internal ResponseFilter Filter { get; private set; } = null!;

    internal FilteredResponses? Filtered { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Responses the analysis used (after the filter).</summary>
    public int Responses { get; private set; }

    /// <summary>Which responses did not open and are left out, or null.</summary>
    public string? NotOpened { get; private set; }

    public string? Analysis { get; private set; }

    public string? Question { get; private set; }

    public string? Row { get; private set; }

    public string? Column { get; private set; }

    public async Task<IActionResult> OnGetAsync(string instrument, string? analysis, string? question, string? row, string? column, string? language, CancellationToken cancellationToken)
    {
        if (!Load(instrument, language))
        {
            return NotFound();
        }

        (Analysis, Question, Row, Column) = (analysis, question, row, column);
        Filter = ResponseFilter.Read(name => Request.Query[name].FirstOrDefault(), ResponseFilter.Exclude);
        if (!CanRead)
        {
            if (analysis is not null)
            {
                Error = "The answers are sealed and locked: unlock them with the research team's key first.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return Page();
        }

        Filtered = await FilteredResponses.OpenAsync(Access, Entry, SessionId, Filter, cancellationToken);
        if (Filtered.Opened.Locked)
        {
            Error = "The answers are sealed and locked: unlock them with the research team's key first.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        NotOpened = Filtered.Opened.NotOpenedSummary;
        Responses = Filtered.Kept.Count;
        switch (analysis)
        {
            case FrequenciesAnalysis:
                var (view, error) = AnswerTables.Summary(Entry.Instrument, Filtered.Kept, question, Language);
                (Frequencies, Numbers, Error) = (view as FrequencyView, view as NumberView, error);
                break;
            case CrossTabAnalysis:
                (CrossTab, Error) = AnswerTables.CrossTab(Entry.Instrument, Filtered.Kept, row, column, Language);
                break;
            case null:
                break;
            default:
                Error = "Choose a summary or a cross-tabulation.";
                break;
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>The analysis fields of this request, kept by the filter form.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> AnalysisFields()
    {
        var fields = new List<KeyValuePair<string, string>> { KeyValuePair.Create("language", Language) };
        foreach (var (name, value) in new[] { ("analysis", Analysis), ("question", Question), ("row", Row), ("column", Column) })
        {
            if (value is not null)
            {
                fields.Add(KeyValuePair.Create(name, value));
            }
        }

        return fields;
    }
}
