using System.Globalization;

namespace Waymark.Content.Coding;

/// <summary>
/// User-defined count bands, e.g. <c>"100-,40-80,30-39"</c>: <c>A-</c> is A or more, <c>A-B</c> is A to B
/// inclusive (either order), <c>A</c> exactly A. A code's band is the first band containing its unit count;
/// the band's label is its text as given.
/// </summary>
public sealed class Bands
{
    private readonly List<(string Label, long Low, long High)> _bands;

    private Bands(List<(string, long, long)> bands)
    {
        _bands = bands;
    }

    public static Bands None { get; } = new([]);

    public static Result<Bands> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result.Ok(None);
        }

        var bands = new List<(string, long, long)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var token = raw.Replace('\u2013', '-');
            var dash = token.IndexOf('-', StringComparison.Ordinal);
            long low;
            long high;
            if (dash < 0)
            {
                if (!TryCount(token, out low))
                {
                    return Fail(raw);
                }

                high = low;
            }
            else if (!TryCount(token[..dash], out low) || !(dash == token.Length - 1 ? Unbounded(out high) : TryCount(token[(dash + 1)..], out high)))
            {
                return Fail(raw);
            }

            bands.Add((raw, Math.Min(low, high), Math.Max(low, high)));
        }

        return Result.Ok(new Bands(bands));
    }

    public string? Of(long count)
    {
        foreach (var (label, low, high) in _bands)
        {
            if (count >= low && count <= high)
            {
                return label;
            }
        }

        return null;
    }

    private static bool Unbounded(out long high)
    {
        high = long.MaxValue;
        return true;
    }

    private static bool TryCount(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static Result<Bands> Fail(string token) =>
        Result.Fail<Bands>($"'{token}' is not a count band; write A- (A or more), A-B or A, separated by commas, e.g. \"100-,40-80,30-39\".");
}
