using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Vault;
using Waymark.Web.SelfHelp;

namespace Waymark.Web.Pages.Help;

/// <summary>One module: its reading and its exercises as a form (the form loop is <see cref="ExercisePageModel"/>).</summary>
[IgnoreAntiforgeryToken] // no cookie on the public site: FormGuard protects these forms
internal sealed class ModuleModel(ContentLibrary content, ProgressVault vault, VaultTokens tokens, PhraseKeys phraseKeys, IStringLocalizer<SharedResource> text)
    : ExercisePageModel(content, vault, tokens, phraseKeys, text)
{
    /// <summary>
    /// The next step: after saving, with a saved self-assessment, the first unfinished module in its suggested order;
    /// otherwise the module after this one.
    /// </summary>
    internal Module? Next => Saved && Progress is not null && SuggestedOrder.Count > 0 ? Programme.NextFor(Progress.Completed, SuggestedOrder) : Programme.After(Current.Id);

    internal int Position => Programme.Modules.ToList().IndexOf(Current) + 1;

    protected override string RouteKey => "module";

    protected override Module? Lookup(Programme programme, string id) => programme.Find(id);
}
