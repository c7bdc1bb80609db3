namespace Waymark.Screening.Messages;

/// <summary>How the warning variant shown is chosen.</summary>
public enum RotationMode
{
    /// <summary>One variant per UTC day, in turn (as Ahmia's intervention test): comparable days.</summary>
    Daily,

    /// <summary>A variant drawn at random for each warning, from a seeded generator.</summary>
    Random,
}

/// <summary>Picks the variant for a warning. Thread-safe.</summary>
internal sealed class VariantRotation
{
    private readonly IReadOnlyList<WarningVariant> _variants;
    private readonly RotationMode _mode;
    private readonly int _seed;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _lock = new();

    public VariantRotation(IReadOnlyList<WarningVariant> variants, RotationMode mode, int seed, TimeProvider time)
    {
        _variants = variants;
        _mode = mode;
        _seed = seed;
        _time = time;
        _random = new Random(seed);
    }

    public WarningVariant Next() => Next(_variants);

    /// <summary>The next variant among <paramref name="among"/> (those present in the reader's language).</summary>
    public WarningVariant Next(IReadOnlyList<WarningVariant> among)
    {
        ArgumentNullException.ThrowIfNull(among);
        if (_mode == RotationMode.Daily)
        {
            var day = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).DayNumber;
            return among[(int)(((long)day + _seed) % among.Count + among.Count) % among.Count];
        }

        lock (_lock)
        {
            return among[_random.Next(among.Count)];
        }
    }
}
