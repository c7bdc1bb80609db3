namespace Waymark.Testing;

/// <summary>A <see cref="TimeProvider"/> whose time the test sets: for lockouts, expiries and time steps.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
