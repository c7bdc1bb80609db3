namespace Waymark.Statistics;

/// <summary>
/// Log hypergeometric density by Loader's saddle-point method, the one R's dhyper uses: differences of
/// log-gamma values lose about 1e-10 at table totals in the tens of thousands, this does not.
/// </summary>
internal static class Hypergeometric
{
    private const double LogTwoPi = 1.837877066409345483560659472811;

    /// <summary>log P(X = x) for x white balls drawn in n draws from an urn of r white and b black balls.</summary>
    public static double LogDensity(double x, double r, double b, double n)
    {
        if (x < 0 || x > r || n - x < 0 || n - x > b)
        {
            return double.NegativeInfinity;
        }

        if (n == 0)
        {
            return x == 0 ? 0 : double.NegativeInfinity;
        }

        var p = n / (r + b);
        var q = (r + b - n) / (r + b);
        return LogBinomialRaw(x, r, p, q) + LogBinomialRaw(n - x, b, p, q) - LogBinomialRaw(n, r + b, p, q);
    }

    private static double LogBinomialRaw(double x, double n, double p, double q)
    {
        if (p == 0)
        {
            return x == 0 ? 0 : double.NegativeInfinity;
        }

        if (q == 0)
        {
            return x == n ? 0 : double.NegativeInfinity;
        }

        if (x == 0)
        {
            return n == 0 ? 0 : p < 0.1 ? -Bd0(n, n * q) - (n * p) : n * Math.Log(q);
        }

        if (x == n)
        {
            return q < 0.1 ? -Bd0(n, n * p) - (n * q) : n * Math.Log(p);
        }

        var lc = StirlingError(n) - StirlingError(x) - StirlingError(n - x) - Bd0(x, n * p) - Bd0(n - x, n * q);
        var lf = LogTwoPi + Math.Log(x) + Math.Log(-x / n + 1);
        return lc - (0.5 * lf);
    }

    /// <summary>log(n!) - log(sqrt(2 pi n) (n/e)^n), the error of Stirling's formula.</summary>
    private static double StirlingError(double n)
    {
        const double S0 = 1.0 / 12;
        const double S1 = 1.0 / 360;
        const double S2 = 1.0 / 1260;
        const double S3 = 1.0 / 1680;
        const double S4 = 1.0 / 1188;
        if (n <= 15)
        {
            // Small arguments: log-gamma is exact enough here because the values are small.
            return SpecialFunctions.LogGamma(n + 1) - ((n + 0.5) * Math.Log(n)) + n - (0.5 * LogTwoPi);
        }

        var nn = n * n;
        return n > 500 ? (S0 - (S1 / nn)) / n
            : n > 80 ? (S0 - ((S1 - (S2 / nn)) / nn)) / n
            : n > 35 ? (S0 - ((S1 - ((S2 - (S3 / nn)) / nn)) / nn)) / n
            : (S0 - ((S1 - ((S2 - ((S3 - (S4 / nn)) / nn)) / nn)) / nn)) / n;
    }

    /// <summary>x log(x/np) + np - x, computed without cancellation when x is near np.</summary>
    private static double Bd0(double x, double np)
    {
        if (Math.Abs(x - np) < 0.1 * (x + np))
        {
            var v = (x - np) / (x + np);
            var s = (x - np) * v;
            var ej = 2 * x * v;
            v *= v;
            for (var j = 1; j < 1000; j++)
            {
                ej *= v;
                var s1 = s + (ej / ((2 * j) + 1));
                if (s1 == s)
                {
                    return s1;
                }

                s = s1;
            }
        }

        return (x * Math.Log(x / np)) + np - x;
    }
}
