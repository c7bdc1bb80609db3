using Microsoft.AspNetCore.Mvc;
using Waymark.Web.Accounts;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Analyses;

/// <summary>
/// A frequency table of one question, or a cross-tabulation of two with Pearson's chi-square and
/// the other tests of the statistics library, from the answers opened in memory for this request.
/// </summary>
public sealed class InstrumentModel(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : AnalystPage(catalog, access, accounts)
{
    internal FrequencyView? Frequencies { get; private set; }

    internal CrossTabView? CrossTab { get; private set; }

    public string? Error { get; private set; }

    public int Responses { get; private set; }

    /// <summary>Which responses did not open and are left out, or null.</summary>
    public string? NotOpened { get; private set; }

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public string? Row { get; set; }

    [BindProperty]
    public string? Column { get; set; }

    public IActionResult OnGet(string instrument) => Load(instrument) ? Page() : NotFound();

    public Task<IActionResult> OnPostFrequenciesAsync(string instrument, string? language, CancellationToken cancellationToken) =>
        RunAsync(instrument, language, records =>
        {
            (Frequencies, Error) = AnswerTables.Frequencies(Entry.Instrument, records, Question, Language);
        }, cancellationToken);

    public Task<IActionResult> OnPostCrossTabAsync(string instrument, string? language, CancellationToken cancellationToken) =>
        RunAsync(instrument, language, records =>
        {
            (CrossTab, Error) = AnswerTables.CrossTab(Entry.Instrument, records, Row, Column, Language);
        }, cancellationToken);

    private async Task<IActionResult> RunAsync(string instrument, string? language, Action<IReadOnlyList<Waymark.Responses.ResponseRecord>> analyse, CancellationToken cancellationToken)
    {
        if (!Load(instrument, language))
        {
            return NotFound();
        }

        var opened = await Access.OpenAllAsync(Entry, SessionId, cancellationToken);
        if (opened.Locked)
        {
            Error = "The answers are sealed and locked: unlock them with the research team's key first.";
        }
        else
        {
            NotOpened = opened.NotOpenedSummary;
            Responses = opened.Records.Count;
            analyse(opened.Records);
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
