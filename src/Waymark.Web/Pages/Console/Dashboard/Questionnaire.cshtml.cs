using Microsoft.AspNetCore.Mvc;
using Waymark.Web.Analysis;
using Waymark.Web.Pages.Console.Instruments;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Dashboard;

/// <summary>
/// The questionnaire of a served survey for analysts, read-only: every page and every question in one of its
/// languages with the conditions under each, drawn as the editor's preview is (the respondent flow's own
/// question partial). Nothing can be submitted; no answer is opened.
/// </summary>
public sealed class QuestionnaireModel(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : AnalystPage(catalog, access, accounts)
{
    internal PreviewView View { get; private set; } = null!;

    public IActionResult OnGet(string instrument, string? lang)
    {
        if (!Load(instrument, lang) || (lang is not null && Language != lang))
        {
            return NotFound();
        }

        var direction = Localization.Languages.TryGet(Language, out var ui) ? ui.Direction : "ltr";
        View = new PreviewView(Language, direction, PreviewView.Build(Entry.Instrument, Language));
        return Page();
    }
}
