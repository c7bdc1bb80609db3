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

BenchmarkSwitcher.FromAssembly(typeof(ScreeningBenchmarks).Assembly).Run(args);
return 0;
