using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Waymark.Screening.Terms;

namespace Waymark.Screening.Bench;

/// <summary>
/// Single-thread screening of the same query set against the same 10,000 generated placeholder
/// terms: Waymark's screener (full normalisation, every leetspeak candidate) against one .NET
/// <see cref="Regex"/> alternation of the terms (compiled, case-insensitive, no normalisation).
/// Data: bench/screening/make-data.py, directory in WAYMARK_SCREEN_BENCH_DIR.
/// </summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private string[] _queries = [];
    private Screener _screener = null!;

    /// <summary>The screener built by <see cref="Setup"/>.</summary>
    public Screener Screener => _screener;
    private Regex _regex = null!;

    public static string DataDirectory => Environment.GetEnvironmentVariable("WAYMARK_SCREEN_BENCH_DIR")
        ?? throw new InvalidOperationException("Set WAYMARK_SCREEN_BENCH_DIR to the output of bench/screening/make-data.py.");

    public static int QueryCount => File.ReadAllLines(Path.Combine(DataDirectory, "queries.txt")).Length;

    [GlobalSetup]
    public void Setup()
    {
        _queries = File.ReadAllLines(Path.Combine(DataDirectory, "queries.txt"));
        var terms = TermListParser.Load(Path.Combine(DataDirectory, "terms.tsv"));
        _screener = Screener.Create(terms.Value!, new ScreenerOptions()).Value!;
        _regex = BuildRegex(terms.Value!);
    }

    /// <summary>The same terms as one alternation: words bounded by \b, phrases with \s+ between words, prefixes followed by \w*.</summary>
    public static Regex BuildRegex(IEnumerable<TermEntry> terms)
    {
        var alternatives = terms.Where(t => t.Mode != MatchMode.Allow).Select(t => t.Mode switch
        {
            MatchMode.Prefix => Regex.Escape(t.Term) + @"\w*",
            _ => string.Join(@"\s+", t.Term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)),
        });
        return new Regex(@"\b(?:" + string.Join("|", alternatives) + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    [Benchmark(Baseline = true, Description = "Regex alternation")]
    public int RegexAlternation()
    {
        var matched = 0;
        foreach (var query in _queries)
        {
            matched += _regex.IsMatch(query) ? 1 : 0;
        }

        return matched;
    }

    [Benchmark(Description = "Waymark screener")]
    public int WaymarkScreener()
    {
        var matched = 0;
        foreach (var query in _queries)
        {
            matched += _screener.Screen(query, "en").Matched ? 1 : 0;
        }

        return matched;
    }
}
