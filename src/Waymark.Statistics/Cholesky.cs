namespace Waymark.Statistics;

/// <summary>Cholesky factorisation of a symmetric positive-definite matrix given by its lower triangle.</summary>
internal static class Cholesky
{
    /// <summary>Relative pivot size below which the matrix counts as singular (R's qr uses 1e-7 likewise).</summary>
    private const double Tolerance = 1e-7;

    public static double[]? Solve(double[,] lower, double[] rhs)
    {
        var l = Factor(lower);
        if (l is null)
        {
            return null;
        }

        var n = rhs.Length;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = rhs[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[i, k] * y[k];
            }

            y[i] = s / l[i, i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= l[k, i] * x[k];
            }

            x[i] = s / l[i, i];
        }

        return x;
    }

    public static double[,]? Inverse(double[,] lower)
    {
        var n = lower.GetLength(0);
        var inverse = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var unit = new double[n];
            unit[j] = 1;
            var column = Solve(lower, unit);
            if (column is null)
            {
                return null;
            }

            for (var i = 0; i < n; i++)
            {
                inverse[i, j] = column[i];
            }
        }

        return inverse;
    }

    private static double[,]? Factor(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var s = a[j, j];
            for (var k = 0; k < j; k++)
            {
                s -= l[j, k] * l[j, k];
            }

            if (s <= Tolerance * Tolerance * Math.Abs(a[j, j]) || s <= 0)
            {
                return null;
            }

            l[j, j] = Math.Sqrt(s);
            for (var i = j + 1; i < n; i++)
            {
                var t = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    t -= l[i, k] * l[j, k];
                }

                l[i, j] = t / l[j, j];
            }
        }

        return l;
    }
}
