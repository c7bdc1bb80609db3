using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Console.SelfHelp;

/// <summary>
/// Self-help content for editors: every piece (introduction, modules, tools, parents' articles, reporting
/// guidance) by language, translated or falling back to English, each linked to its preview; the
/// clinical-review status of each module and tool; the directory's entries and their verification.
/// </summary>
internal sealed class IndexModel(ContentLibrary content, TimeProvider time) : PageModel
{
    internal static IReadOnlyList<Language> Languages => Localization.Languages.All;

    /// <summary>Every previewable piece, in the English order: kind, id, English title.</summary>
    internal IReadOnlyList<ContentPiece> Pieces => ContentPiece.All(content);

    internal HelpDirectory Directory => content.HelpDirectory;

    internal VerificationStatus StatusOf(DirectoryEntry entry) => HelpDirectory.StatusOf(entry, time);

    /// <summary>The modules, then the tools (self-assessment, check-in, safety plan, crisis page), in English, with their clinical review.</summary>
    internal IReadOnlyList<Module> Reviewable
    {
        get
        {
            var programme = content.ProgrammeIn("en");
            return [.. programme.Modules, .. programme.Tools];
        }
    }

    /// <summary>True for a tool (the self-assessment, the check-in, the safety plan, the crisis page), false for a module.</summary>
    internal bool IsTool(Module module) => content.ProgrammeIn("en").Tool(module.Id) is not null;

    internal bool IsTranslated(ContentPiece piece, string language) => piece.In(content, language)?.IsFallback == false;
}

/// <summary>One piece of public self-help content, found again in any language.</summary>
internal sealed record ContentPiece(string Kind, string Id, string Title)
{
    public static IReadOnlyList<ContentPiece> All(ContentLibrary content)
    {
        var programme = content.ProgrammeIn("en");
        return
        [
            new("intro", "programme", programme.Introduction.Title),
            .. programme.Modules.Select(m => new ContentPiece("module", m.Id, m.Title)),
            .. programme.Tools.Select(m => new ContentPiece("tool", m.Id, m.Title)),
            .. content.ParentsIn("en").Select(a => new ContentPiece("parents", a.Id, a.Title)),
            new("reporting", "reporting", content.ReportingIn("en").Title),
        ];
    }

    /// <summary>The language this piece is shown in for readers of <paramref name="language"/>; null when it does not exist.</summary>
    public ContentLanguage? In(ContentLibrary content, string language) => Kind switch
    {
        "intro" => content.ProgrammeIn(language).Introduction.Language,
        "module" => content.ProgrammeIn(language).Find(Id)?.Language,
        "tool" => content.ProgrammeIn(language).Tool(Id)?.Language,
        "parents" => content.ParentsIn(language).FirstOrDefault(a => a.Id == Id)?.Language,
        "reporting" => content.ReportingIn(language).Language,
        _ => null,
    };
}
