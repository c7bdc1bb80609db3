using System.Diagnostics;
using BenchmarkDotNet.Running;
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

if (args is ["profile"])
{
    // Rough split of the time per query (not a benchmark): normalisation alone, then the whole screen.
    var queries = File.ReadAllLines(Path.Combine(ScreeningBenchmarks.DataDirectory, "queries.txt"));
    var normalizer = Waymark.Screening.Normalization.ScreeningNormalizer.CreateDefault();
    var bench = new ScreeningBenchmarks();
    bench.Setup();
    Console.WriteLine($"fast path: {queries.Count(q => normalizer.TryNormalizeSimpleAscii(q) is not null)} of {queries.Length} queries");
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

BenchmarkSwitcher.FromAssembly(typeof(ScreeningBenchmarks).Assembly).Run(args);
return 0;
