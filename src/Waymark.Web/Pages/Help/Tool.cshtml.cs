using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.SelfHelp.Tools;
using Waymark.SelfHelp.Vault;
using Waymark.Web.SelfHelp;

namespace Waymark.Web.Pages.Help;

/// <summary>
/// A tool beside the modules: the self-assessment (its suggested order of modules), the weekly check-in (charts
/// over the weeks, a table, a CSV download; crisis lines at once when it reports hopelessness or thoughts of
/// self-harm), the safety plan, and the crisis page (crisis lines in the reader's language). Answers are kept
/// only in the vault, like a module's (<see cref="ExercisePageModel"/>).
/// </summary>
[IgnoreAntiforgeryToken] // no cookie on the public site: FormGuard protects these forms
internal sealed class ToolModel(ContentLibrary content, ProgressVault vault, VaultTokens tokens, PhraseKeys phraseKeys, IStringLocalizer<SharedResource> text, TimeProvider clock)
    : ExercisePageModel(content, vault, tokens, phraseKeys, text)
{
    internal HelpDirectory Directory { get; } = content.HelpDirectory;

    internal TimeProvider Clock => clock;

    /// <summary>This week, as check-ins are saved under it.</summary>
    internal string Week => CheckIns.WeekOf(clock.GetUtcNow());

    /// <summary>The self-assessment's suggested order for the answers on the page, or null when none is answered.</summary>
    internal IReadOnlyList<ModuleScore>? Suggestion =>
        Current.Id == ToolIds.SelfAssessment && SelfAssessment.IsAnswered(Current, Answers) ? SelfAssessment.Recommend(Programme, Current, Answers) : null;

    /// <summary>True when the check-in on the page reports hopelessness or thoughts of self-harm: the crisis lines come first.</summary>
    internal bool ShowCrisis => Current.Id == ToolIds.CheckIn && Posted && CheckIns.SignalsCrisis(Current, Answers);

    /// <summary>The saved check-ins, oldest first (none without an open vault).</summary>
    internal IReadOnlyList<CheckIn> History => Progress is null ? [] : CheckIns.All(Progress);

    protected override string RouteKey => "tool";

    protected override Module? Lookup(Programme programme, string id) => programme.Tool(id);

    protected override void Record(Progress progress, IReadOnlyDictionary<string, string> answers)
    {
        if (Current.Id == ToolIds.CheckIn)
        {
            progress.RecordCheckIn(Week, answers);
        }
        else
        {
            base.Record(progress, answers);
        }
    }

    /// <summary>A check-in form opens on this week's saved answers, if any; the other tools on their saved answers.</summary>
    protected override IReadOnlyDictionary<string, string> SavedAnswers(Progress progress) =>
        Current.Id == ToolIds.CheckIn
            ? progress.CheckIns.TryGetValue(Week, out var answers) ? answers : new Dictionary<string, string>()
            : base.SavedAnswers(progress);

    /// <summary>The self-assessment's suggestion for the answers on the form, kept nowhere.</summary>
    public IActionResult OnPostSuggest()
    {
        if (!Find() || Current.Id != ToolIds.SelfAssessment)
        {
            return NotFound();
        }

        return ReadAnswers() is { } problem ? Fail(problem) : Page();
    }

    /// <summary>Every saved check-in as a CSV file the person downloads (nothing is written anywhere).</summary>
    public async Task<IActionResult> OnPostExportAsync([FromForm(Name = VaultTokens.FieldName)] string? vaultToken)
    {
        if (!Find() || Current.Id != ToolIds.CheckIn)
        {
            return NotFound();
        }

        var (keys, progress, problem) = await OpenAsync(vaultToken);
        if (keys is null)
        {
            return Fail(problem!);
        }

        return File(new UTF8Encoding(false).GetBytes(CheckIns.ToCsv(Current, CheckIns.All(progress!))), "text/csv; charset=utf-8", "check-ins.csv");
    }
}
