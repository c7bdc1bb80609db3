using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Waymark.Surveys.Bench;
using Waymark.Surveys.XlsForm;

if (args is ["load", var path])
{
    // One import of one file in a fresh process (bench/xlsform-cost.sh): wall time, bytes allocated,
    // and the process's peak resident memory, which is what an upload costs the console node.
    var clock = Stopwatch.StartNew();
    var build = XlsFormFile.Load(path);
    clock.Stop();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var verdict = build.Instrument is null || build.Problems.Any(p => p.Fatal)
        ? "refused: " + string.Join(" | ", build.Problems.Where(p => p.Fatal).Take(2).Select(p => p.ToString()))
        : "imported";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Path.GetFileName(path)}\t{new FileInfo(path).Length}\t{clock.Elapsed.TotalMilliseconds:F0} ms\t{GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB allocated\t{self.PeakWorkingSet64 / 1048576.0:F0} MB peak\t{verdict}"));
    return;
}

BenchmarkRunner.Run<PageEngineBenchmarks>(args: args);
