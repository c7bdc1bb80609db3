using System.Diagnostics;
using BenchmarkDotNet.Running;
using Waymark.Screening;
using Waymark.Screening.Bench;

// "matches" prints how many queries each contender flags on the data set (no timing);
// anything else runs BenchmarkDotNet (for example: --filter '*' --job short).
if (args is ["matches"])
{
    var bench = new ScreeningBenchmarks();
    var clock = Stopwatch.StartNew();
    bench.Setup();
    Console.WriteLine($"setup {clock.Elapsed.TotalSeconds:F1} s; queries {ScreeningBenchmarks.QueryCount}; waymark {bench.WaymarkScreener()}; regex {bench.RegexAlternation()}");
    return 0;
}

if (args is ["parts"])
{
    var bench = new ScreeningBenchmarks();
    bench.Setup();
    var queries = File.ReadAllLines(Path.Combine(ScreeningBenchmarks.DataDirectory, "queries.txt"));
    var normalizer = Waymark.Screening.Normalization.ScreeningNormalizer.CreateDefault();
    var flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
    var index = typeof(Screener).GetField("_terms", flags)!.GetValue(bench.Screener)!;
    var matcher = (Waymark.Text.PatternMatcher)index.GetType().GetField("_matcher", flags)!.GetValue(index)!;
    var find = index.GetType().GetMethod("Find")!;
    var scratch = matcher.CreateScratch();
    var candidates = queries.Select(q => normalizer.Normalize(q).ToArray()).ToArray();
    double Time(Action pass)
    {
        pass();
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = ThreadCpu.Now();
            for (var r = 0; r < 20; r++)
            {
                pass();
            }

            best = Math.Min(best, (ThreadCpu.Now() - before).TotalMicroseconds / (20.0 * queries.Length));
        }

        return best;
    }

    var n = 0;
    var normalize = Time(() => { foreach (var q in queries) { n += normalizer.Normalize(q).Count; } });
    var scan = Time(() => { foreach (var cs in candidates) { foreach (var c in cs) { n += matcher.IsMatch(c, scratch) ? 1 : 0; } } });
    var findOnly = Time(() => { foreach (var q in queries) { n += find.Invoke(index, [q, "en"]) is null ? 0 : 1; } });
    var screen = Time(() => n += bench.WaymarkScreener());
    if (index.GetType().GetMethod("FindSplit", flags) is { } findSplit)
    {
        var split = findSplit.CreateDelegate<Func<string, string, object?>>(index);
        var splits = Time(() => { foreach (var cs in candidates) { foreach (var c in cs) { n += split(c, "en") is null ? 0 : 1; } } });
        Console.WriteLine($"FindSplit over candidates {splits:F2}");
    }

    Console.WriteLine($"us/query (best of 5, thread CPU): normalize {normalize:F2}; IsMatch over candidates {scan:F2}; TermIndex.Find {findOnly:F2}; Screen {screen:F2}; candidates {candidates.Sum(c => c.Length) / (double)queries.Length:F2}");
    return 0;
}

// Whole-process contenders for bench/screening/batch.sh (timed from outside, like `waymark screen batch --summary`):
// "batch-regex TERMS QUERIES [LIMIT]" is the project's Regex alternation, "batch-exact TERMS QUERIES" an
// exact-token check (lower-cased words, pairs and triples looked up in a set, no normalisation).
if (args is ["batch-regex", var regexTerms, var regexQueries, ..])
{
    var regex = ScreeningBenchmarks.BuildRegex(Waymark.Screening.Terms.TermListParser.Load(regexTerms).Value!);
    var limit = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
    long screened = 0, matched = 0;
    using var reader = new StreamReader(regexQueries, System.Text.Encoding.UTF8, true, 1 << 16);
    while (screened < limit && reader.ReadLine() is { } line)
    {
        screened++;
        matched += regex.IsMatch(line) ? 1 : 0;
    }

    Console.WriteLine($"{{\"screened\":{screened},\"matched\":{matched}}}");
    return 0;
}

if (args is ["batch-exact", var exactTerms, var exactQueries])
{
    var set = Waymark.Screening.Terms.TermListParser.Load(exactTerms).Value!
        .Where(t => t.Mode != Waymark.Screening.Terms.MatchMode.Allow)
        .Select(t => string.Join(' ', ExactWords(t.Term))).ToHashSet(StringComparer.Ordinal);
    long screened = 0, matched = 0;
    using var reader = new StreamReader(exactQueries, System.Text.Encoding.UTF8, true, 1 << 16);
    while (reader.ReadLine() is { } line)
    {
        screened++;
        var words = ExactWords(line);
        var found = false;
        for (var i = 0; i < words.Length && !found; i++)
        {
            found = set.Contains(words[i])
                || (i + 1 < words.Length && set.Contains(words[i] + " " + words[i + 1]))
                || (i + 2 < words.Length && set.Contains(words[i] + " " + words[i + 1] + " " + words[i + 2]));
        }

        matched += found ? 1 : 0;
    }

    Console.WriteLine($"{{\"screened\":{screened},\"matched\":{matched}}}");
    return 0;
}

if (args is ["profile"])
{
    // Rough split of the time per query (not a benchmark): normalisation alone, then the whole screen.
    var queries = File.ReadAllLines(Path.Combine(ScreeningBenchmarks.DataDirectory, "queries.txt"));
    var normalizer = Waymark.Screening.Normalization.ScreeningNormalizer.CreateDefault();
    var bench = new ScreeningBenchmarks();
    bench.Setup();
    for (var round = 0; round < 5; round++)
    {
        var clock = Stopwatch.StartNew();
        var n = 0;
        for (var r = 0; r < 20; r++)
        {
            foreach (var q in queries)
            {
                n += normalizer.Normalize(q).Count;
            }
        }

        var normalize = clock.Elapsed.TotalMicroseconds / (20.0 * queries.Length);
        clock.Restart();
        for (var r = 0; r < 20; r++)
        {
            bench.WaymarkScreener();
        }

        Console.WriteLine($"normalize {normalize:F2} us/query ({n / 20.0 / queries.Length:F2} candidates); screen {clock.Elapsed.TotalMicroseconds / (20.0 * queries.Length):F2} us/query");
    }

    return 0;
}

if (args is ["cpu", ..])
{
    // Queries per second of this thread's CPU time (getrusage RUSAGE_THREAD) (robust on a shared machine, where wall time is not),
    // the matcher's build time and the managed heap and working set once the list is loaded.
    var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    var bench = new ScreeningBenchmarks();
    var build = Stopwatch.StartNew();
    bench.Setup();
    build.Stop();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var workingSet = self.WorkingSet64;
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    bench.WaymarkScreener(); // warm-up (tiered JIT)
    var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)ScreeningBenchmarks.QueryCount;
    for (var i = 0; i < 50; i++)
    {
        bench.WaymarkScreener();
    }

    var rates = CpuRates(bench.WaymarkScreener, rounds);
    var index = typeof(Screener).GetField("_terms", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(bench.Screener)!;
    var matcher = (Waymark.Text.PatternMatcher)index.GetType().GetField("_matcher", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(index)!;
    var automaton = typeof(Waymark.Text.PatternMatcher).GetField("_automaton", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(matcher)!;
    var states = (int)automaton.GetType().GetProperty("StateCount")!.GetValue(automaton)!;
    var stride = (int)automaton.GetType().GetField("_stride", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(automaton)!;
    Console.WriteLine($"patterns {matcher.PatternCount}; states {states}; stride {stride}; table {states * (long)stride * 4 / 1e6:F0} MB");
    Console.WriteLine($"median {rates[rates.Count / 2]:F0} queries/CPU-s; build {build.Elapsed.TotalSeconds:F1} s; heap {heap / 1e6:F0} MB; allocated {allocated:F0} B/query; working set {workingSet / 1e6:F0} MB; flagged {bench.WaymarkScreener()}");
    return 0;
}

if (args is ["cpu-regex", ..])
{
    // The peer in the same units: the Regex alternation's queries per second of thread CPU time.
    var bench = new ScreeningBenchmarks();
    bench.Setup();
    bench.RegexAlternation(); // warm-up
    var rates = CpuRates(bench.RegexAlternation, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    Console.WriteLine($"median {rates[rates.Count / 2]:F0} queries/CPU-s; flagged {bench.RegexAlternation()}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ScreeningBenchmarks).Assembly).Run(args);
return 0;

// Rounds of at least 2 s of wall time, each the queries per second of this thread's CPU time, sorted.
static List<double> CpuRates(Func<int> pass, int rounds)
{
    var rates = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var before = ThreadCpu.Now();
        var flagged = 0;
        var repeats = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 2)
        {
            flagged = pass();
            repeats++;
        }

        var cpu = ThreadCpu.Now() - before;
        rates.Add(repeats * ScreeningBenchmarks.QueryCount / cpu.TotalSeconds);
        Console.Error.WriteLine($"round {round}: {rates[^1]:F0} queries/CPU-s, {flagged} flagged");
    }

    rates.Sort();
    return rates;
}

static string[] ExactWords(string text) =>
    text.ToLowerInvariant().Split((char[])[' ', '\t', '.', ',', '-', '_', '/', '!', '?', '\'', '"', '(', ')', ':', ';'], StringSplitOptions.RemoveEmptyEntries);

/// <summary>The calling thread's user + system CPU time (Linux getrusage with RUSAGE_THREAD).</summary>
internal static class ThreadCpu
{
    public static TimeSpan Now()
    {
        var usage = new long[18];
        if (GetResourceUsage(1, usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed");
        }

        return TimeSpan.FromMicroseconds((usage[0] * 1e6) + usage[1] + (usage[2] * 1e6) + usage[3]);
    }

#pragma warning disable SYSLIB1054 // a benchmark helper: LibraryImport would need unsafe code in this project
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, [System.Runtime.InteropServices.Out] long[] usage);
#pragma warning restore SYSLIB1054
}
