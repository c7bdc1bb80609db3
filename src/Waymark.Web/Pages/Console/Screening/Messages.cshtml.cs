using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Screening;
using Waymark.Screening.Messages;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Console.Screening;

/// <summary>Every message variant in every UI language: translated, or shown in English; links to a preview of each.</summary>
public sealed class MessagesModel(Screener screener) : PageModel
{
    public IReadOnlyList<WarningVariant> Variants => screener.Variants;

    public IReadOnlyList<Language> Languages => Localization.Languages.All;

    /// <summary>True when <paramref name="language"/> has its own text for the variant (English always has).</summary>
    public bool IsTranslated(string language, WarningVariant variant) =>
        screener.WarningText(language, variant.Id).Language == language;

    /// <summary>The help links (id, English title, target with <c>{lang}</c> as <c>en</c>).</summary>
    public IEnumerable<(string Id, string Title, string Target)> Links =>
        screener.WarningText("en", Variants[0].Id).Links.Select(l => (l.Id, l.Title, screener.LinkTarget(l.Id, "{lang}") ?? ""));
}
