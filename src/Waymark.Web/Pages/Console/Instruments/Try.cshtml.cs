using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Surveys;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Instruments;

/// <summary>
/// The test preview of an uploaded instrument (a draft or a published version) in one of its languages:
/// the respondent's pages, one at a time, answered and checked as on the public site (<see cref="PreviewFlow"/>).
/// Nothing is stored: the database is only read, for the upload. A POST moves through the form and changes
/// nothing, so it answers with the next page itself, as the public survey does (there is nothing a reload
/// could repeat). The <c>lang</c> route value sets the UI culture, so the flow's words come in that language.
/// </summary>
internal sealed class TryModel(WaymarkDatabase database, PreviewFlow flow, TimeProvider time) : PageModel
{
    internal InstrumentInfo Info { get; private set; } = null!;

    internal Instrument Instrument { get; private set; } = null!;

    internal string Language { get; private set; } = "";

    internal IReadOnlyList<SurveyLanguage> Languages { get; private set; } = [];

    internal PreviewScreen Screen { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, string? lang, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, lang, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Screen = flow.Start(id, entry, Language);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? lang, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, lang, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Screen = flow.Handle(id, entry, Language, await Request.ReadFormAsync(cancellationToken));
        return Page();
    }

    /// <summary>The upload as the public flow would serve it, or null when there is no such upload, it does not build, or it lacks the language.</summary>
    private async Task<SurveyEntry?> LoadAsync(long id, string? lang, CancellationToken cancellationToken)
    {
        var stored = await database.Instruments.FindAsync(id, cancellationToken);
        if (stored is null || InstrumentUploads.Parse(stored.Xlsx).Instrument is not { } instrument)
        {
            return null;
        }

        var language = lang ?? instrument.Settings.DefaultLanguage ?? (instrument.Languages.Count > 0 ? instrument.Languages[0].Key : null) ?? LocalizedText.DefaultKey;
        if (instrument.Languages.Count > 0 && instrument.Languages.All(l => l.Key != language))
        {
            return null;
        }

        (Info, Instrument, Language, Languages) = (stored.Info, instrument, language, instrument.Languages);
        return SurveyEntry.Create(instrument, stored.Info.PublicKey, time) with { StoredId = id };
    }
}
