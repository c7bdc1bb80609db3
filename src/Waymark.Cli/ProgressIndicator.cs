using System.Globalization;

namespace Waymark.Cli;

/// <summary>A one-line progress indicator ("coding  42%  113 of 270 MB") redrawn at most twice a second.</summary>
internal sealed class ProgressIndicator(TextWriter writer, TimeProvider time, string label)
{
    private long _total;
    private long _lastDraw = long.MinValue;
    private bool _drawn;

    public void Report(long done, long total)
    {
        _total = total;
        var now = time.GetTimestamp();
        if (_lastDraw != long.MinValue && time.GetElapsedTime(_lastDraw, now) < TimeSpan.FromMilliseconds(500))
        {
            return;
        }

        _lastDraw = now;
        Draw(done);
    }

    public void Done()
    {
        if (_drawn)
        {
            Draw(_total);
            writer.WriteLine();
        }
    }

    private void Draw(long done)
    {
        var total = _total;
        var percent = total == 0 ? 100 : (int)(100 * Math.Min(done, total) / total);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} {percent,3}%  {done / 1_000_000.0:F0} of {total / 1_000_000.0:F0} MB"));
        writer.Flush();
        _drawn = true;
    }
}
