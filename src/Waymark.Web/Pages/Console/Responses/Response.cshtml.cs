using Microsoft.AspNetCore.Mvc;
using Waymark.Responses;
using Waymark.Surveys;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Responses;

/// <summary>
/// One response on its own page: when and how it came (day, version, language, time per page), its
/// flags with their rules, whether it is set aside, and every asked question in the form's order with
/// its label and the answer as code and label. Opened in memory for this request like the answers table.
/// </summary>
public sealed class ResponseModel(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : AnalystPage(catalog, access, accounts)
{
    internal ResponseRecord? Record { get; private set; }

    internal string? Mark { get; private set; }

    /// <summary>The answers page this view was opened from (a path of this instrument's answers only), or the answers page itself.</summary>
    internal string Back { get; private set; } = "";

    internal IReadOnlyList<Question> Questions =>
        Entry.Instrument.Questions.Where(q => q.Type is not (QuestionType.Note or QuestionType.Calculate)).ToList();

    public async Task<IActionResult> OnGetAsync(string instrument, string response, string? language, string? back, CancellationToken cancellationToken)
    {
        if (!Load(instrument, language))
        {
            return NotFound();
        }

        Back = SafeBack(Entry.Id, back);
        if (!CanRead)
        {
            return Redirect($"/console/responses/{Uri.EscapeDataString(Entry.Id)}");
        }

        var opened = await Access.OpenAllAsync(Entry, SessionId, cancellationToken);
        Record = opened.Records.FirstOrDefault(r => r.Id == response);
        if (Record is null)
        {
            return NotFound();
        }

        Mark = (await Access.MarksAsync(Entry, cancellationToken)).GetValueOrDefault(Record.Id);
        return Page();
    }

    /// <summary>The answer's choice labels in the chosen language, or null for a question without choices.</summary>
    internal string? Labels(Question question, string answer)
    {
        if (question.Choices.Count == 0 || answer.Length == 0 || Entry.Instrument.RepeatOf(question.Name) is not null)
        {
            return null;
        }

        var values = question.Type == QuestionType.SelectMultiple ? answer.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [answer];
        return string.Join("; ", values.Select(v => question.Choices.FirstOrDefault(c => c.Name == v)?.Labels.For(Language, Entry.Instrument.FallbackLanguage) ?? v));
    }

    /// <summary>Only a path of this instrument's answers page is followed back: never another site.</summary>
    internal static string SafeBack(string instrument, string? back)
    {
        var path = $"/console/responses/{Uri.EscapeDataString(instrument)}";
        return back is { } b && b.StartsWith(path + "?", StringComparison.Ordinal) && !b.Contains("//", StringComparison.Ordinal) ? b : path;
    }
}
