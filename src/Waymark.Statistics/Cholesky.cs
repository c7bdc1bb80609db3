namespace Waymark.Statistics;

/// <summary>
/// Cholesky factorisation of a symmetric positive-semidefinite matrix given by its lower triangle, with
/// aliased columns set aside: a column whose remaining pivot is negligible next to its own diagonal is a
/// linear combination of the columns before it. R's QR with limited pivoting treats it the same way
/// (the later of two dependent columns is dropped and reported as NA), so the kept set is the same.
/// </summary>
internal sealed class Cholesky
{
    /// <summary>Relative pivot size (on the scale of a column norm) below which a column counts as aliased.</summary>
    private const double Tolerance = 1e-7;

    private readonly double[,] _l;

    private Cholesky(double[,] l, bool[] aliased)
    {
        _l = l;
        Aliased = aliased;
    }

    /// <summary>True for each column that depends linearly on earlier ones; its solution entries are NaN.</summary>
    public bool[] Aliased { get; }

    public bool AnyAliased => Array.IndexOf(Aliased, true) >= 0;

    public static Cholesky Factor(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        var aliased = new bool[n];
        for (var j = 0; j < n; j++)
        {
            var s = a[j, j];
            for (var k = 0; k < j; k++)
            {
                s -= l[j, k] * l[j, k];
            }

            if (s <= Tolerance * Tolerance * Math.Abs(a[j, j]) || s <= 0)
            {
                // Column j adds nothing new: leave its column of L zero so later columns ignore it.
                aliased[j] = true;
                continue;
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

        return new Cholesky(l, aliased);
    }

    /// <summary>Solves A x = b over the kept columns; aliased entries of x are NaN.</summary>
    public double[] Solve(double[] rhs)
    {
        var n = rhs.Length;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (Aliased[i])
            {
                continue;
            }

            var s = rhs[i];
            for (var k = 0; k < i; k++)
            {
                s -= _l[i, k] * y[k];
            }

            y[i] = s / _l[i, i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            if (Aliased[i])
            {
                continue;
            }

            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= _l[k, i] * x[k];
            }

            x[i] = s / _l[i, i];
        }

        for (var i = 0; i < n; i++)
        {
            if (Aliased[i])
            {
                x[i] = double.NaN;
            }
        }

        return x;
    }

    /// <summary>The inverse over the kept columns; rows and columns of aliased ones are NaN.</summary>
    public double[,] Inverse()
    {
        var n = Aliased.Length;
        var inverse = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var unit = new double[n];
            unit[j] = 1;
            var column = Solve(unit);
            for (var i = 0; i < n; i++)
            {
                inverse[i, j] = Aliased[j] ? double.NaN : column[i];
            }
        }

        return inverse;
    }
}
