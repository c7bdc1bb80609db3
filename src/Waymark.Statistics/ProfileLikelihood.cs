namespace Waymark.Statistics;

/// <summary>
/// A coefficient's profile-likelihood 95% limits on the log-odds scale (R's <c>confint()</c>, exactly); a side
/// R leaves NA (a flat likelihood, as under separation) is a failure saying why.
/// </summary>
public sealed record ProfileInterval(Result<double> Lower, Result<double> Upper);

/// <summary>A fitted binomial model as profiling needs it: the data, the estimates and the linear predictor at them.</summary>
internal sealed record FittedModel(double[] Y, double[] Prior, double[] X, int P, double[] Beta, double[] StandardErrors, double[] Eta, double Deviance);

/// <summary>
/// Profile-likelihood confidence limits, the intervals R's <c>confint()</c> gives for a glm (MASS's profile.glm,
/// in stats since R 4.4). The limit is where the signed root deviance
/// z(b) = sign(b - b̂) √(D(b) - D(b̂)) reaches the normal quantile (±1.96 for 95%), D(b) being the deviance of
/// the model refitted with the coefficient fixed at b (an offset). R walks from the estimate in steps of
/// del = zmax/5 standard errors (zmax = √qchisq(1 - α/4, 1): 0.4996 at 95%), at most nine, and interpolates
/// a spline through those points. Waymark solves z(b) = ±1.96 by Brent's method instead, to about 1e-11:
/// the exact limit, which R's spline approaches to about 1e-4 relative (docs/statistics.md has the measured
/// differences). Like R, it gives no limit (a failure here, NA in R) when z has not reached the quantile at R's
/// ninth step, 4.5 standard errors out: a flat likelihood, as under separation.
/// </summary>
internal static class ProfileLikelihood
{
    public const double Level = 0.95;

    /// <summary>R's maxsteps: the walk stops before the tenth step.</summary>
    private const int MaxSteps = 10;

    /// <summary>Brent's absolute tolerance on the coefficient.</summary>
    private const double Tolerance = 1e-11;

    /// <summary>Convergence of each refit: tighter than glm's 1e-8 so that z(b) is smooth for the root finder.</summary>
    private const double RefitEpsilon = 1e-11;

    private static readonly double Cutoff = SpecialFunctions.NormalQuantile(1 - ((1 - Level) / 2));

    /// <summary>R's zmax = √qchisq(1 - α, 1) with α = (1 - level)/4, i.e. the normal quantile at 1 - α/2.</summary>
    private static readonly double StepSize = SpecialFunctions.NormalQuantile(1 - ((1 - Level) / 8)) / 5;

    /// <summary>How far the walk reaches, in standard errors (nine steps).</summary>
    public static double Reach => (MaxSteps - 1) * StepSize;

    /// <summary>
    /// The limits of coefficient <paramref name="coefficient"/>; <paramref name="covariance"/> (the fit's) gives the
    /// direction in which the other estimates move with it to first order, so each refit starts close to its answer.
    /// </summary>
    public static ProfileInterval Interval(FittedModel model, int coefficient, bool[] aliased, double[,] covariance)
    {
        var n = model.Y.Length;
        var kept = Enumerable.Range(0, model.P).Where(j => j != coefficient && !aliased[j]).ToArray();
        var reduced = new double[(long)n * kept.Length];
        var column = new double[n];
        var direction = new double[n];
        var slopes = kept.Select(j => covariance[j, coefficient] / covariance[coefficient, coefficient]).ToArray();
        for (var k = 0; k < n; k++)
        {
            var row = model.X.AsSpan(k * model.P, model.P);
            column[k] = row[coefficient];
            var moved = row[coefficient];
            for (var j = 0; j < kept.Length; j++)
            {
                reduced[(k * kept.Length) + j] = row[kept[j]];
                moved += row[kept[j]] * slopes[j];
            }

            direction[k] = moved;
        }

        var profile = new Profile(model, reduced, kept.Length, column, direction, model.Beta[coefficient], StepSize * model.StandardErrors[coefficient]);
        return new ProfileInterval(profile.Limit(-1), profile.Limit(1));
    }

    /// <summary>One coefficient's profile: z(b) by refits with the coefficient held at b as an offset.</summary>
    private sealed class Profile(FittedModel model, double[] reduced, int p, double[] column, double[] direction, double estimate, double step)
    {
        private readonly double[] _offset = new double[column.Length];
        private readonly double[] _start = new double[column.Length];
        private string? _failure;

        /// <summary>
        /// The limit on one side (sign -1 lower, +1 upper). The first guess is the Wald limit; if z has not reached
        /// the quantile there, the walk goes on in R's steps, and where R's ninth step still falls short, so does Waymark.
        /// </summary>
        public Result<double> Limit(int sign)
        {
            if (!double.IsFinite(step) || step <= 0)
            {
                return Result.Fail<double>("its standard error is not a positive number, so there is no profile to walk");
            }

            var target = sign * Cutoff;
            var reach = estimate + (sign * (MaxSteps - 1) * step);
            var (inner, innerEta, innerValue) = (estimate, model.Eta, -target);
            var b = estimate + (sign * Cutoff / StepSize * step);
            while (true)
            {
                var (value, eta) = Distance(b, inner, innerEta, target);
                if (_failure is not null)
                {
                    return Result.Fail<double>(_failure);
                }

                if (sign * value >= 0)
                {
                    var (from, fromEta) = (inner, innerEta);
                    var root = RootFinder.Solve(t => Distance(t, from, fromEta, target).Value, inner, b, innerValue, value, Tolerance);
                    return _failure is not null ? Result.Fail<double>(_failure) : root;
                }

                if (b == reach)
                {
                    return Result.Fail<double>(FormattableString.Invariant(
                        $"the {(sign < 0 ? "lower" : "upper")} limit lies more than {Reach:F1} standard errors from the estimate, where R's profile stops (the likelihood flattens, as when the outcome is separated), so it is null, as R's confint() gives NA"));
                }

                (inner, innerEta, innerValue) = (b, eta, value);
                b = sign * (b + (sign * step) - reach) > 0 ? reach : b + (sign * step);
            }
        }

        /// <summary>z(b) minus the target, refitted from the linear predictor at <paramref name="from"/> moved along the profile's first-order direction.</summary>
        private (double Value, double[] Eta) Distance(double b, double from, double[] fromEta, double target)
        {
            for (var k = 0; k < _offset.Length; k++)
            {
                _offset[k] = column[k] * b;
                _start[k] = fromEta[k] + (direction[k] * (b - from));
            }

            var (deviance, eta) = LogisticRegression.Refit(model.Y, model.Prior, reduced, p, _offset, _start, RefitEpsilon);
            var excess = deviance - model.Deviance;
            if (excess < -1e-3)
            {
                _failure ??= "refitting with the coefficient fixed found a better fit than the estimates, so the model had not converged (R's confint() stops with an error here)";
            }

            var sign = Math.Sign(target);
            return ((sign * Math.Sqrt(Math.Max(excess, 0))) - target, eta);
        }
    }
}
