namespace Waymark.Cli.Tests;

public sealed class ProgressIndicatorTests
{
    private sealed class ManualTime : TimeProvider
    {
        public long Now { get; set; } = 1;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void Redraws_at_most_twice_a_second_and_ends_at_100_percent()
    {
        var time = new ManualTime();
        using var writer = new StringWriter();
        var progress = new ProgressIndicator(writer, time, "coding");
        progress.Report(50_000_000, 200_000_000);
        progress.Report(60_000_000, 200_000_000);
        time.Now += 499;
        progress.Report(70_000_000, 200_000_000);
        time.Now += 1;
        progress.Report(100_000_000, 200_000_000);
        progress.Done();
        Assert.Equal("\rcoding  25%  50 of 200 MB\rcoding  50%  100 of 200 MB\rcoding 100%  200 of 200 MB" + Environment.NewLine, writer.ToString());
    }
}
