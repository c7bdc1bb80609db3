using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Surveys;
using Waymark.Surveys.Paging;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Instruments;

/// <summary>
/// Every page of an uploaded instrument in one of its languages, read-only, drawn with the
/// respondent flow's own question partial. Every question is shown whatever its relevance, with
/// the conditions written beside it. The <c>lang</c> route value also sets the UI culture, so the
/// flow's own words ("required") appear in that language when the UI has it.
/// </summary>
public sealed class PreviewModel(WaymarkDatabase database) : PageModel
{
    internal InstrumentInfo Info { get; private set; } = null!;

    internal string Language { get; private set; } = "";

    /// <summary>The <c>dir</c> of the preview: right to left for Arabic, Persian and the other RTL UI languages.</summary>
    internal string Direction { get; private set; } = "ltr";

    internal IReadOnlyList<SurveyLanguage> Languages { get; private set; } = [];

    internal IReadOnlyList<PreviewPage> Pages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string? lang, CancellationToken cancellationToken)
    {
        var stored = await database.Instruments.FindAsync(id, cancellationToken);
        var instrument = stored is null ? null : InstrumentUploads.Parse(stored.Xlsx).Instrument;
        if (stored is null || instrument is null)
        {
            return NotFound();
        }

        Info = stored.Info;
        Languages = instrument.Languages;
        var language = lang ?? instrument.Settings.DefaultLanguage ?? (instrument.Languages.Count > 0 ? instrument.Languages[0].Key : null) ?? LocalizedText.DefaultKey;
        if (instrument.Languages.Count > 0 && instrument.Languages.All(l => l.Key != language))
        {
            return NotFound();
        }

        Language = language;
        Direction = Localization.Languages.TryGet(language, out var ui) ? ui.Direction : "ltr";
        Pages = PreviewView.Build(instrument, language);
        return Page();
    }
}

/// <summary>What the shared preview partial draws (the editor's preview, the analyst's questionnaire): the language, its direction and every page.</summary>
internal sealed record PreviewView(string Language, string Direction, IReadOnlyList<PreviewPage> Pages)
{
    /// <summary>Every page of <paramref name="instrument"/> in <paramref name="language"/>: every question whatever its relevance, with its conditions.</summary>
    internal static List<PreviewPage> Build(Instrument instrument, string language)
    {
        var fallback = instrument.Settings.DefaultLanguage;
        var engine = new SurveyEngine(instrument);
        return engine.Pages.Select(page => new PreviewPage(
            page.Index + 1,
            engine.Pages.Count,
            page.Group is { } group ? instrument.FindGroup(group)?.Labels.For(language, fallback) : null,
            page.Questions.Select(q => new PreviewQuestion(
                new VisibleQuestion(
                    q,
                    q.Labels.For(language, fallback) ?? "",
                    q.Hints.For(language, fallback),
                    q.Required is { Length: > 0 } required && required != "false()",
                    true,
                    q.Choices.Select(c => new VisibleChoice(c.Name, c.Labels.For(language, fallback) ?? c.Name, false)).ToList(),
                    q.Default ?? "",
                    [],
                    null),
                Conditions(q))).ToList())).ToList();
    }

    private static List<string> Conditions(Question q)
    {
        var conditions = new List<string>();
        void Add(string what, string? expression)
        {
            if (!string.IsNullOrEmpty(expression))
            {
                conditions.Add($"{what}: {expression}");
            }
        }

        Add("shown when", q.Relevant);
        Add("required when", q.Required is "true()" ? null : q.Required);
        Add("constraint", q.Constraint);
        Add("choice filter", q.ChoiceFilter);
        return conditions;
    }
}

/// <summary>A page of the preview: its number, the group's label, and every question on it.</summary>
internal sealed record PreviewPage(int Number, int Count, string? GroupLabel, IReadOnlyList<PreviewQuestion> Questions);

/// <summary>A question drawn by the flow's partial, with its conditions in XLSForm notation.</summary>
internal sealed record PreviewQuestion(VisibleQuestion View, IReadOnlyList<string> Conditions);
