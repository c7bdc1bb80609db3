namespace Waymark.Statistics;

/// <summary>Descriptive statistics of a numeric column, as R's mean, sd (n - 1), quantile(type = 7) and hist().</summary>
internal static class Descriptives
{
    public static Result<DescriptiveStatistics> Of(Dataset data, string variable)
    {
        var column = data.Column(variable);
        if (!column.IsSuccess)
        {
            return Result.Fail<DescriptiveStatistics>(column.Error!);
        }

        var values = new List<double>();
        var missing = 0;
        for (var i = 0; i < data.RowCount; i++)
        {
            var cell = data.Cell(i, column.Value);
            if (Cells.IsMissing(cell))
            {
                missing++;
                continue;
            }

            if (!Cells.TryNumber(cell, out var value) || !double.IsFinite(value))
            {
                return Result.Fail<DescriptiveStatistics>($"Column '{variable}', data row {i + 1}: '{cell.ToString()}' is not a number.");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            return Result.Fail<DescriptiveStatistics>($"Column '{variable}' has no numbers.");
        }

        values.Sort();
        var n = values.Count;
        var mean = values.Sum() / n;
        // R's mean() refines the sum once (a second pass over the residuals); so does this.
        mean += values.Sum(v => v - mean) / n;
        var sd = n > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : double.NaN;
        return Result.Ok<DescriptiveStatistics>(new DescriptiveStatistics(
            variable, n, missing, mean, sd, values[0], Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75), values[^1], HistogramOf(values)));
    }

    /// <summary>R's quantile(type = 7): the (n - 1)p-th order statistic, interpolated.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var index = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(index);
        var high = (int)Math.Ceiling(index);
        var h = index - low;
        return h == 0 ? sorted[low] : ((1 - h) * sorted[low]) + (h * sorted[high]);
    }

    /// <summary>R's hist(x): breaks = pretty(range(x), nclass.Sturges(x), min.n = 1), counts with hist's fuzz.</summary>
    public static Histogram HistogramOf(IReadOnlyList<double> sorted)
    {
        var classes = (int)Math.Ceiling(Math.Log2(sorted.Count) + 1);
        var breaks = Pretty(sorted[0], sorted[^1], classes, 1);
        var diffs = breaks.Zip(breaks.Skip(1), (a, b) => b - a).Order().ToList();
        var fuzz = 1e-7 * (diffs.Count % 2 == 1 ? diffs[diffs.Count / 2] : (diffs[(diffs.Count / 2) - 1] + diffs[diffs.Count / 2]) / 2);
        var fuzzy = breaks.Select((b, i) => b + (i == 0 ? -fuzz : fuzz)).ToArray();
        var counts = new int[breaks.Count - 1];
        foreach (var x in sorted)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (x <= fuzzy[i + 1] && (x > fuzzy[i] || (i == 0 && x >= fuzzy[0])))
                {
                    counts[i]++;
                    break;
                }
            }
        }

        return new Histogram(breaks, counts);
    }

    /// <summary>R's pretty.default (R_pretty in src/appl/pretty.c with pretty()'s defaults and bounds = TRUE).</summary>
    internal static IReadOnlyList<double> Pretty(double lo, double up, int n, int minN)
    {
        const double roundingEps = 1e-10;
        const double h = 1.5;
        const double h5 = 0.5 + (1.5 * h);
        const double shrink = 0.75;
        var dx = up - lo;
        double cell;
        bool small;
        if (dx == 0 && up == 0)
        {
            cell = 1;
            small = true;
        }
        else
        {
            cell = Math.Max(Math.Abs(lo), Math.Abs(up));
            var u = 1 + (h5 >= (1.5 * h) + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5));
            u *= Math.Max(1, n) * 2.220446049250313e-16; // DBL_EPSILON
            small = dx < cell * u * 3;
        }

        if (small)
        {
            if (cell > 10)
            {
                cell = 9 + (cell / 10);
            }

            cell *= shrink;
            if (minN > 1)
            {
                cell /= minN;
            }
        }
        else
        {
            cell = dx;
            if (n > 1)
            {
                cell /= n;
            }
        }

        var b = Math.Pow(10.0, Math.Floor(Math.Log10(cell)));
        var unit = b;
        if ((2 * b) - cell < h * (cell - unit))
        {
            unit = 2 * b;
            if ((5 * b) - cell < h5 * (cell - unit))
            {
                unit = 5 * b;
                if ((10 * b) - cell < h * (cell - unit))
                {
                    unit = 10 * b;
                }
            }
        }

        var ns = Math.Floor((lo / unit) + roundingEps);
        var nu = Math.Ceiling((up / unit) - roundingEps);
        while (ns * unit > lo + (roundingEps * unit))
        {
            ns--;
        }

        while (nu * unit < up - (roundingEps * unit))
        {
            nu++;
        }

        var k = (int)(0.5 + nu - ns);
        if (k < minN)
        {
            k = minN - k;
            if (ns >= 0)
            {
                nu += k / 2;
                ns -= (k / 2) + (k % 2);
            }
            else
            {
                ns -= k / 2;
                nu += (k / 2) + (k % 2);
            }

            k = minN;
        }

        // seq.int(l, u, length.out = k + 1) as R computes it: both ends exact, the inner points from the nearer end.
        var from = ns * unit;
        var to = nu * unit;
        var count = k + 1;
        var by = (to - from) / k;
        var breaks = new double[count];
        for (var i = 0; i < count; i++)
        {
            breaks[i] = i == 0 ? from : i == count - 1 ? to : i < count / 2 ? from + (i * by) : to - ((count - 1 - i) * by);
        }

        var delta = (to - from) / k;
        for (var i = 0; i < count; i++)
        {
            if (Math.Abs(breaks[i]) < 1e-14 * delta)
            {
                breaks[i] = 0;
            }
        }

        return breaks;
    }
}
