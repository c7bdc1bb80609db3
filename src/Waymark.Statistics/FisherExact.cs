namespace Waymark.Statistics;

/// <summary>Fisher's exact test for a 2x2 table, figure for figure as R's fisher.test.</summary>
internal static class FisherExact
{
    // R counts tables as "as extreme" when their probability is within this factor of the observed one,
    // so that floating-point ties are not lost.
    private const double RelativeError = 1 + 1e-7;

    /// <summary>Table [[a, b], [c, d]] with rows as the first factor, as R's matrix(c(a, c, b, d), 2).</summary>
    public static FisherExactTest Test(double a, double b, double c, double d, double confidence = 0.95)
    {
        var m = a + c;
        var n = b + d;
        var k = a + b;
        var x = a;
        var lo = Math.Max(0, k - n);
        var hi = Math.Min(k, m);
        var count = (int)(hi - lo) + 1;
        var support = new double[count];
        var logDensity = new double[count];
        for (var i = 0; i < count; i++)
        {
            support[i] = lo + i;
            logDensity[i] = Hypergeometric.LogDensity(support[i], m, n, k);
        }

        var model = new NoncentralHypergeometric(support, logDensity, lo, hi);
        var atOne = model.Density(1);
        var observed = atOne[(int)(x - lo)] * RelativeError;
        var pTwo = 0.0;
        foreach (var value in atOne)
        {
            if (value <= observed)
            {
                pTwo += value;
            }
        }

        var pLess = model.Cdf(x, 1, upper: false);
        var pGreater = model.Cdf(x, 1, upper: true);
        var alpha = (1 - confidence) / 2;
        var estimate = model.Mle(x);
        var low = x == lo ? 0 : model.UpperLimitRoot(x, alpha, upperTail: true);
        var high = x == hi ? double.PositiveInfinity : model.UpperLimitRoot(x, alpha, upperTail: false);
        return new FisherExactTest(Math.Min(1, pTwo), pLess, pGreater, estimate, low, high);
    }

    private sealed class NoncentralHypergeometric(double[] support, double[] logDensity, double lo, double hi)
    {
        public double[] Density(double ncp)
        {
            var d = new double[support.Length];
            var max = double.NegativeInfinity;
            for (var i = 0; i < d.Length; i++)
            {
                d[i] = logDensity[i] + (Math.Log(ncp) * support[i]);
                max = Math.Max(max, d[i]);
            }

            var sum = 0.0;
            for (var i = 0; i < d.Length; i++)
            {
                d[i] = Math.Exp(d[i] - max);
                sum += d[i];
            }

            for (var i = 0; i < d.Length; i++)
            {
                d[i] /= sum;
            }

            return d;
        }

        public double Mean(double ncp)
        {
            if (ncp == 0)
            {
                return lo;
            }

            if (double.IsPositiveInfinity(ncp))
            {
                return hi;
            }

            var d = Density(ncp);
            var mean = 0.0;
            for (var i = 0; i < d.Length; i++)
            {
                mean += support[i] * d[i];
            }

            return mean;
        }

        public double Cdf(double q, double ncp, bool upper)
        {
            // All mass sits on one end of the support at these limits; the density formula would give 0 * -inf.
            if (ncp == 0)
            {
                return (upper ? q <= lo : q >= lo) ? 1 : 0;
            }

            if (double.IsPositiveInfinity(ncp))
            {
                return (upper ? q <= hi : q >= hi) ? 1 : 0;
            }

            var d = Density(ncp);
            var sum = 0.0;
            for (var i = 0; i < d.Length; i++)
            {
                if (upper ? support[i] >= q : support[i] <= q)
                {
                    sum += d[i];
                }
            }

            return sum;
        }

        public double Mle(double x)
        {
            if (x == lo)
            {
                return 0;
            }

            if (x == hi)
            {
                return double.PositiveInfinity;
            }

            var mu = Mean(1);
            if (mu > x)
            {
                return RootFinder.Uniroot(t => Mean(t) - x, 0, 1);
            }

            if (mu < x)
            {
                return 1 / RootFinder.Uniroot(t => Mean(1 / t) - x, 2.220446049250313e-16, 1);
            }

            return 1;
        }

        /// <summary>R's ncp.U (upperTail false) and ncp.L (upperTail true) for the confidence interval.</summary>
        public double UpperLimitRoot(double x, double alpha, bool upperTail)
        {
            var p = Cdf(x, 1, upperTail);
            if (upperTail)
            {
                // Lower limit: P(X >= x; ncp) = alpha.
                return p > alpha
                    ? RootFinder.Uniroot(t => Cdf(x, t, true) - alpha, 0, 1)
                    : p < alpha ? 1 / RootFinder.Uniroot(t => Cdf(x, 1 / t, true) - alpha, 2.220446049250313e-16, 1) : 1;
            }

            // Upper limit: P(X <= x; ncp) = alpha.
            return p < alpha
                ? RootFinder.Uniroot(t => Cdf(x, t, false) - alpha, 0, 1)
                : p > alpha ? 1 / RootFinder.Uniroot(t => Cdf(x, 1 / t, false) - alpha, 2.220446049250313e-16, 1) : 1;
        }
    }
}
