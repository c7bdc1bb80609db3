using Waymark.Testing;
namespace Waymark.Content.Tests;

public sealed class CodeTimingTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CodeTimingTests");

    public void Dispose() => _temp.Dispose();

    /// <summary>A clock that moves on by the next step each time it is read: every stage gets a known duration.</summary>
    private sealed class SteppingTime(params long[] steps) : TimeProvider
    {
        private long _now;
        private int _read;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp()
        {
            _now += _read < steps.Length ? steps[_read] : 0;
            _read++;
            return _now;
        }
    }

    [Fact]
    public void Each_stage_is_timed_with_the_injected_clock()
    {
        var directory = _temp.NewFolder("code-timing");
        var corpus = Files.Write(directory, "c.txt", "I feel alone.\n\nWe feel better.\n");
        var codebook = Files.Write(directory, "cb.yaml", "name: x\nthemes: [{name: t, codes: [{name: feel, patterns: [feel]}]}]\n");
        var result = ContentAnalysis.Code(new CodingOptions([corpus], codebook), new SteppingTime(0, 10, 20, 30));
        Assert.Null(result.Error);
        var run = result.Value!;
        Assert.Equal(
            (TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30)),
            (run.CodebookTime, run.MatcherTime, run.CorpusTime));
        Assert.Contains("\"hits\": 2", run.ToJson(), StringComparison.Ordinal);
    }
}
