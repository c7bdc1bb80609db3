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

    public WarningVariant Next()
    {
        if (_mode == RotationMode.Daily)
        {
            var day = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).DayNumber;
            return _variants[(int)(((long)day + _seed) % _variants.Count + _variants.Count) % _variants.Count];
        }

        lock (_lock)
        {
            return _variants[_random.Next(_variants.Count)];
        }
    }
}
