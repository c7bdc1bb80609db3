using System.Globalization;
using Waymark.Storage;
using Waymark.Web.Surveys;

namespace Waymark.Web.Analysis;

/// <summary>One line of a count table: what is counted and how many responses.</summary>
internal sealed record CountLine(string Label, long Count);

/// <summary>
/// An instrument's response counts by day, language and quality flag, from the clear columns only
/// (no answer is opened). <see cref="Entry"/> is null for responses to an instrument no longer served.
/// </summary>
internal sealed record InstrumentCounts(
    string Id, SurveyEntry? Entry, long Total, IReadOnlyList<CountLine> ByDay, IReadOnlyList<CountLine> ByLanguage, IReadOnlyList<CountLine> ByFlag)
{
    public const string NoDate = "no date kept";
    public const string NoLanguage = "not recorded";
    public const string NoFlag = "no flag";

    public string Title => Entry?.Instrument.Settings.Title is { Length: > 0 } title ? title : Id;

    public bool Sealed => Entry?.PublicKey is not null;

    /// <summary>Counts for every served instrument (zero when nothing came in) and for any other instrument that has responses.</summary>
    public static IReadOnlyList<InstrumentCounts> Build(IEnumerable<SurveyEntry> entries, IReadOnlyList<ResponseCount> counts)
    {
        var served = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var ids = served.Keys.Union(counts.Select(c => c.Instrument), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return ids.Select(id => For(id, served.GetValueOrDefault(id), counts.Where(c => c.Instrument == id).ToList())).ToList();
    }

    private static InstrumentCounts For(string id, SurveyEntry? entry, List<ResponseCount> counts)
    {
        var byDay = counts
            .GroupBy(c => c.Day)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key)
            .Select(g => new CountLine(g.Key?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? NoDate, g.Sum(c => c.Count)))
            .ToList();
        var byLanguage = counts
            .GroupBy(c => c.Language)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountLine(LanguageName(entry, g.Key), g.Sum(c => c.Count)))
            .ToList();
        var byFlag = counts
            .SelectMany(c => Flags(c.Flags).Select(flag => (Flag: flag, c.Count)))
            .GroupBy(f => f.Flag)
            .OrderBy(g => g.Key == NoFlag).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountLine(g.Key, g.Sum(f => f.Count)))
            .ToList();
        return new InstrumentCounts(id, entry, counts.Sum(c => c.Count), byDay, byLanguage, byFlag);
    }

    /// <summary>A response's flags; one with none counts under <see cref="NoFlag"/>.</summary>
    private static IEnumerable<string> Flags(string flags)
    {
        var split = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return split.Length == 0 ? [NoFlag] : split.Distinct(StringComparer.Ordinal);
    }

    private static string LanguageName(SurveyEntry? entry, string? code)
    {
        if (code is null)
        {
            return NoLanguage;
        }

        var name = entry?.Instrument.Languages.FirstOrDefault(l => l.Key == code)?.Name;
        return name is null || name == code ? code : $"{name} ({code})";
    }
}
