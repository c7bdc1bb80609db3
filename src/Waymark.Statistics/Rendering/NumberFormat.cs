using System.Globalization;

namespace Waymark.Statistics.Rendering;

/// <summary>
/// Figures rounded for reading, the same in the HTML report, the charts and the console (invariant culture):
/// the JSON of <see cref="StatisticsJson"/> keeps every digit.
/// </summary>
public static class NumberFormat
{
    /// <summary>Three decimals; below 0.001 (not zero) in scientific notation; ∞ for +Inf, – for NaN or −Inf.</summary>
    public static string Fixed(double value) =>
        !double.IsFinite(value) ? double.IsPositiveInfinity(value) ? "∞" : "–"
        : value != 0 && Math.Abs(value) < 0.001 ? value.ToString("0.00E+0", CultureInfo.InvariantCulture)
        : value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A p-value: four decimals, below 0.001 in scientific notation.</summary>
    public static string P(double p) =>
        !double.IsFinite(p) ? "–" : p < 0.001 ? p.ToString("0.00E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A (weighted) count with thousands separators, at most two decimals.</summary>
    public static string Count(double value) =>
        value == Math.Floor(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A percent with one decimal and the sign; – when not a number.</summary>
    public static string Percent(double value) =>
        double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
}
