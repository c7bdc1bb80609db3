using Waymark.Surveys;

namespace Waymark.Web.Surveys;

/// <summary>Where a published survey is answered on the public site.</summary>
internal static class SurveyLinks
{
    /// <summary>
    /// The survey's paths on the public site (<c>/{lang}/s/{form id}</c>): one per form language that is also a language of
    /// the site's pages, in the form's order; <c>/en/…</c> when none is.
    /// </summary>
    public static IReadOnlyList<string> PublicPaths(Instrument instrument)
    {
        var id = Uri.EscapeDataString(instrument.Settings.FormId);
        var paths = instrument.Languages
            .Where(l => Localization.Languages.TryGet(l.Key, out _))
            .Select(l => $"/{l.Key}/s/{id}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return paths.Count > 0 ? paths : [$"/en/s/{id}"];
    }
}
