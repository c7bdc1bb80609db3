using System.Diagnostics;
using Xunit;

namespace Waymark.Testing;

/// <summary>Waiting for something another process does in its own time (a node picking up a change).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails the test naming <paramref name="what"/> after 15 s.</summary>
    public static async Task HappensAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{what} did not happen within 15 s");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
