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

    /// <summary>Sealed responses: their flags are sealed with the answers and counted once the answers are unlocked.</summary>
    public const string SealedFlags = "sealed (flags open with the answers)";

    /// <summary>The form version is sealed with the answers: counted once they are unlocked.</summary>
    public const string SealedVersions = "sealed (versions open with the answers)";

    public const string NoVersion = "not recorded";

    public string Title => Entry?.Instrument.Settings.Title is { Length: > 0 } title ? title : Id;

    /// <summary>
    /// Responses by the form version they were given in, from the opened records (the version is inside the answers, never in
    /// a clear column: a version would date a response where no day is kept); null until they are opened.
    /// </summary>
    public IReadOnlyList<CountLine>? ByVersion { get; init; }

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
            .SelectMany(c => Flags(c).Select(flag => (Flag: flag, c.Count)))
            .GroupBy(f => f.Flag)
            .OrderBy(g => g.Key == SealedFlags).ThenBy(g => g.Key == NoFlag).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountLine(g.Key, g.Sum(f => f.Count)))
            .ToList();
        return new InstrumentCounts(id, entry, counts.Sum(c => c.Count), byDay, byLanguage, byFlag);
    }

    /// <summary>The same counts with the flags of the opened records (a sealed instrument unlocked in this session), set-level flags included.</summary>
    public InstrumentCounts WithFlagsOf(IReadOnlyList<Waymark.Responses.ResponseRecord> opened) => this with
    {
        ByFlag = opened
            .SelectMany(r => r.Flags.Count == 0 ? new[] { NoFlag } : r.Flags.Distinct(StringComparer.Ordinal))
            .GroupBy(flag => flag, StringComparer.Ordinal)
            .OrderBy(g => g.Key == NoFlag).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountLine(g.Key, g.LongCount()))
            .ToList(),
    };

    /// <summary>The same counts with the versions of the opened records (unsealed, or unlocked in this session), the current version marked.</summary>
    public InstrumentCounts WithVersionsOf(IReadOnlyList<Waymark.Responses.ResponseRecord> opened) => this with
    {
        ByVersion = opened
            .GroupBy(r => r.Version, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountLine(g.Key.Length == 0 ? NoVersion : g.Key == Entry?.Instrument.Settings.Version ? g.Key + " (served now)" : g.Key, g.LongCount()))
            .ToList(),
    };

    /// <summary>A response's flags; one with none counts under <see cref="NoFlag"/>, a sealed one (flags sealed too) under <see cref="SealedFlags"/>.</summary>
    private static IEnumerable<string> Flags(ResponseCount count)
    {
        var split = count.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return split.Length > 0 ? split.Distinct(StringComparer.Ordinal) : count.Sealed ? [SealedFlags] : [NoFlag];
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
