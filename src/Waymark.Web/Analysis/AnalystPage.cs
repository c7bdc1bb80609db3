using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Surveys;
using Waymark.Web.Accounts;
using Waymark.Web.Surveys;

namespace Waymark.Web.Analysis;

/// <summary>
/// What the analyst's per-instrument pages share: the instrument from the route, this console
/// session's id (the key vault's handle), and the label language the analyst chose.
/// </summary>
public abstract class AnalystPage(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : PageModel
{
    internal SurveyEntry Entry { get; private set; } = null!;

    internal ResponseAccess Access => access;

    internal ConsoleAccounts Accounts => accounts;

    /// <summary>The language for question and choice labels (an instrument language key).</summary>
    public string Language { get; private set; } = LocalizedText.DefaultKey;

    /// <summary>Whether this session may read the answers (an unsealed instrument, or unlocked here).</summary>
    public bool CanRead => Access.CanRead(Entry, SessionId);

    /// <summary>The random id of this sign-in (never the account: another session of the same account has another).</summary>
    internal string? SessionId => ConsoleAuthentication.SessionId(User);

    internal string Actor => User.Identity?.Name ?? "";

    /// <summary>The instrument's languages as (key, name) for the label-language choice.</summary>
    internal IReadOnlyList<SurveyLanguage> Languages =>
        Entry.Instrument.Languages.Count > 0 ? Entry.Instrument.Languages : [new SurveyLanguage(LocalizedText.DefaultKey, "Default")];

    /// <summary>Finds the route's instrument and the chosen language; false when no such instrument is served.</summary>
    internal bool Load(string? instrument, string? language = null)
    {
        if (catalog.Find(instrument) is not { } entry)
        {
            return false;
        }

        Entry = entry;
        Language = Languages.Any(l => l.Key == language) ? language! : entry.Instrument.FallbackLanguage ?? Languages[0].Key;
        return true;
    }

    /// <summary>The label-language field of a form, with its element id.</summary>
    internal LanguageChoice LanguageField(string id) => new(id, Languages, Language);

    internal Task AuditAsync(string action, string detail, CancellationToken cancellationToken) =>
        Accounts.AuditAsync(Actor, action, detail, cancellationToken);
}

/// <summary>A label-language select: its element id, the languages and the one selected.</summary>
internal sealed record LanguageChoice(string Id, IReadOnlyList<SurveyLanguage> Languages, string Selected);
