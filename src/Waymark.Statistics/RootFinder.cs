namespace Waymark.Statistics;

/// <summary>
/// Brent's root finder with the same steps and defaults as R's uniroot (tolerance eps^0.25, 1000 iterations).
/// R's fisher.test estimates come out of uniroot only to that tolerance, so matching R to 1e-9 means taking
/// the very same steps rather than solving more precisely.
/// </summary>
internal static class RootFinder
{
    public static readonly double UnirootTolerance = Math.Pow(2.220446049250313e-16, 0.25);

    public static double Uniroot(Func<double, double> f, double lower, double upper)
    {
        var fa = f(lower);
        var fb = f(upper);
        return Brent(f, lower, upper, fa, fb, UnirootTolerance, 1000);
    }

    /// <summary>
    /// A root of <paramref name="f"/> between two points where it has opposite signs (their values given,
    /// so a caller that bracketed the root does not pay for them again), to an absolute
    /// <paramref name="tolerance"/>; a failure when the values do not bracket a root or the steps run out.
    /// </summary>
    public static Result<double> Solve(Func<double, double> f, double lower, double upper, double fLower, double fUpper, double tolerance, int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!double.IsFinite(fLower) || !double.IsFinite(fUpper) || (fLower > 0 && fUpper > 0) || (fLower < 0 && fUpper < 0))
        {
            return Result.Fail<double>(FormattableString.Invariant($"f({lower:R}) = {fLower:R} and f({upper:R}) = {fUpper:R} do not bracket a root."));
        }

        var root = Brent(f, lower, upper, fLower, fUpper, tolerance, maxIterations, out var converged);
        return converged ? Result.Ok<double>(root) : Result.Fail<double>(FormattableString.Invariant($"No root to {tolerance:R} within {maxIterations} steps (last {root:R})."));
    }

    private static double Brent(Func<double, double> f, double a, double b, double fa, double fb, double tol, int maxIterations) =>
        Brent(f, a, b, fa, fb, tol, maxIterations, out _);

    private static double Brent(Func<double, double> f, double a, double b, double fa, double fb, double tol, int maxIterations, out bool converged)
    {
        converged = true;
        const double Epsilon = 2.220446049250313e-16;
        if (fa == 0)
        {
            return a;
        }

        if (fb == 0)
        {
            return b;
        }

        var c = a;
        var fc = fa;
        for (var iteration = 0; iteration <= maxIterations; iteration++)
        {
            var previousStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }

            var tolerance = (2 * Epsilon * Math.Abs(b)) + (tol / 2);
            var step = (c - b) / 2;
            if (Math.Abs(step) <= tolerance || fb == 0)
            {
                return b;
            }

            if (Math.Abs(previousStep) >= tolerance && Math.Abs(fa) > Math.Abs(fb))
            {
                double p;
                double q;
                var cb = c - b;
                if (a == c)
                {
                    var t1 = fb / fa;
                    p = cb * t1;
                    q = 1 - t1;
                }
                else
                {
                    var qa = fa / fc;
                    var t1 = fb / fc;
                    var t2 = fb / fa;
                    p = t2 * ((cb * qa * (qa - t1)) - ((b - a) * (t1 - 1)));
                    q = (qa - 1) * (t1 - 1) * (t2 - 1);
                }

                if (p > 0)
                {
                    q = -q;
                }
                else
                {
                    p = -p;
                }

                if (p < (0.75 * cb * q) - (Math.Abs(tolerance * q) / 2) && p < Math.Abs(previousStep * q / 2))
                {
                    step = p / q;
                }
            }

            if (Math.Abs(step) < tolerance)
            {
                step = step > 0 ? tolerance : -tolerance;
            }

            a = b;
            fa = fb;
            b += step;
            fb = f(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a;
                fc = fa;
            }
        }

        converged = false;
        return b;
    }
}
