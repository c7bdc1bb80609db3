using System.Globalization;
using Waymark.Storage;

namespace Waymark.Web.Screening;

/// <summary>One row of a counters table: warnings shown, help links followed, and the click-through rate.</summary>
internal sealed record ClickThrough(string Key, long Screened, long Matched, long Shown, long Clicks)
{
    /// <summary>Clicks per warning shown, as a percentage with one decimal; a dash when no warning was shown.</summary>
    public string Rate => Shown == 0 ? "–" : (100.0 * Clicks / Shown).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// The screening counters (daily totals, docs/screening.md) summed by variant, language, link and
/// day. Aggregates of aggregates: nothing finer than the counters table holds.
/// </summary>
internal sealed class ScreeningFigures
{
    private ScreeningFigures(IReadOnlyList<CounterValue> counters)
    {
        var parsed = counters.Select(Parse).ToList();
        ByVariant = Group(parsed.Where(c => c.Variant is not null), c => c.Variant!);
        ByLanguage = Group(parsed, c => c.Language);
        ByLanguageAndVariant = Group(parsed.Where(c => c.Variant is not null), c => c.Language + " / " + c.Variant);
        ByDay = Group(parsed, c => c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        ByLink = parsed.Where(c => c.Link is not null).GroupBy(c => c.Link!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(c => c.Clicks))).ToList();
        Total = new ClickThrough("all", parsed.Sum(c => c.Screened), parsed.Sum(c => c.Matched), parsed.Sum(c => c.Shown), parsed.Sum(c => c.Clicks));
    }

    public IReadOnlyList<ClickThrough> ByVariant { get; }

    public IReadOnlyList<ClickThrough> ByLanguage { get; }

    /// <summary>Each variant within each language: the comparison the rotation is for (variants rotate among those a language has).</summary>
    public IReadOnlyList<ClickThrough> ByLanguageAndVariant { get; }

    public IReadOnlyList<ClickThrough> ByDay { get; }

    public IReadOnlyList<(string Link, long Clicks)> ByLink { get; }

    public ClickThrough Total { get; }

    public static async Task<ScreeningFigures> ReadAsync(WaymarkDatabase database, CancellationToken cancellationToken) =>
        new(await database.Counters.ReadByPrefixAsync("screen:", cancellationToken).ConfigureAwait(false));

    private static List<ClickThrough> Group(IEnumerable<Figure> figures, Func<Figure, string> key) =>
        figures.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ClickThrough(g.Key, g.Sum(c => c.Screened), g.Sum(c => c.Matched), g.Sum(c => c.Shown), g.Sum(c => c.Clicks)))
            .ToList();

    /// <summary>A counter as its parts: <c>lang[/variant[/link]]</c> by the counter's name (ScreeningEndpoints).</summary>
    private static Figure Parse(CounterValue counter)
    {
        var parts = counter.Dimension.Split('/');
        var language = parts[0];
        var variant = parts.Length > 1 ? parts[1] : null;
        var link = parts.Length > 2 ? parts[2] : null;
        return counter.Name switch
        {
            ScreeningEndpoints.ScreenedCounter => new Figure(counter.Day, language, null, null, counter.Count, 0, 0, 0),
            ScreeningEndpoints.MatchedCounter => new Figure(counter.Day, language, variant, null, 0, counter.Count, 0, 0),
            ScreeningEndpoints.ShownCounter => new Figure(counter.Day, language, variant, null, 0, 0, counter.Count, 0),
            ScreeningEndpoints.ClickCounter => new Figure(counter.Day, language, variant, link, 0, 0, 0, counter.Count),
            _ => new Figure(counter.Day, language, null, null, 0, 0, 0, 0),
        };
    }

    private sealed record Figure(DateOnly Day, string Language, string? Variant, string? Link, long Screened, long Matched, long Shown, long Clicks);
}
