namespace Waymark.Statistics;

/// <summary>
/// One coefficient of a logistic model: estimate and standard error on the log-odds scale, Wald z and p, the
/// odds ratio, and <paramref name="Low"/> / <paramref name="High"/>, the Wald 95% interval (R's
/// <c>confint.default</c>) on the odds-ratio scale. An aliased coefficient (R's NA) has NaN figures.
/// </summary>
public sealed record Coefficient(string Term, double Estimate, double StandardError, double Z, double P, double OddsRatio, double Low, double High)
{
    /// <summary>The profile-likelihood limits on the log-odds scale (R's confint()); null for an aliased coefficient or when not asked for.</summary>
    public ProfileInterval? Profile { get; init; }
}

/// <summary>
/// A binomial GLM with logit link as R's <c>glm</c> fits it: coefficients, deviance, null deviance, AIC, Fisher
/// scoring iterations. <paramref name="N"/> is the weighted number of observations used.
/// </summary>
public sealed record LogisticModel(
    string Outcome,
    IReadOnlyList<string> Predictors,
    IReadOnlyList<Coefficient> Coefficients,
    double Deviance,
    double NullDeviance,
    double Aic,
    int Iterations,
    bool Converged,
    double N,
    int RowsUsed,
    int RowsDropped,
    IReadOnlyList<string> Warnings) : IAnalysis
{
    /// <summary>The outcome value modelled as success: "1", "TRUE" or a factor's second level (R's order).</summary>
    public string Success { get; init; } = "1";

    /// <summary>Whether the profile-likelihood intervals were computed (<see cref="Coefficient.Profile"/>).</summary>
    public bool Profiled { get; init; }
}

/// <summary>
/// Binomial GLM with logit link by iteratively reweighted least squares, step for step as R's glm.fit
/// (same start, same convergence rule), so that coefficients match R to 1e-9 and not merely to R's tolerance.
/// </summary>
internal static class LogisticRegression
{
    private const double Epsilon = 1e-8;
    private const int MaxIterations = 25;
    private const double DoubleEpsilon = 2.220446049250313e-16;

    public static Result<LogisticModel> Fit(
        Dataset data,
        string response,
        IReadOnlyList<string> predictors,
        string? weight = null,
        IReadOnlyDictionary<string, string>? references = null,
        bool profile = true)
    {
        if (predictors.Count == 0)
        {
            return Result.Fail<LogisticModel>("Name at least one predictor column.");
        }

        var names = predictors.Prepend(response).ToList();
        if (weight is not null)
        {
            names.Add(weight);
        }

        var columns = new List<int>();
        foreach (var name in names)
        {
            var column = data.Column(name);
            if (!column.IsSuccess)
            {
                return Result.Fail<LogisticModel>(column.Error!);
            }

            columns.Add(column.Value);
        }

        // Complete cases only, as R's default na.action = na.omit; the count dropped is reported.
        var complete = new List<int>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
        {
            var isComplete = true;
            foreach (var c in columns)
            {
                isComplete &= !Cells.IsMissing(data.Cell(i, c));
            }

            if (isComplete)
            {
                complete.Add(i);
            }
        }

        var n = complete.Count;
        var outcome = Outcome.Read(data, complete, columns[0], response);
        if (!outcome.IsSuccess)
        {
            return Result.Fail<LogisticModel>(outcome.Error!);
        }

        var y = outcome.Value!.Values;
        var prior = new double[n];
        for (var k = 0; k < n; k++)
        {
            prior[k] = 1;
            if (weight is not null)
            {
                var w = data.Cell(complete[k], columns[^1]);
                if (!Cells.TryNumber(w, out prior[k]) || prior[k] < 0 || !double.IsFinite(prior[k]))
                {
                    return Result.Fail<LogisticModel>($"Weight column '{weight}', data row {complete[k] + 1}: '{w.ToString()}' is not a non-negative number.");
                }
            }
        }

        // Each predictor becomes one numeric column or, when any value is not a number, dummy columns.
        var parts = new List<Predictor>();
        var terms = new List<string> { "(Intercept)" };
        for (var j = 0; j < predictors.Count; j++)
        {
            var part = Predictor.Read(data, complete, columns[j + 1], predictors[j], references);
            if (!part.IsSuccess)
            {
                return Result.Fail<LogisticModel>(part.Error!);
            }

            parts.Add(part.Value!);
            terms.AddRange(part.Value!.Terms);
        }

        if (n <= terms.Count)
        {
            return Result.Fail<LogisticModel>($"Only {n} complete rows for {terms.Count} coefficients.");
        }

        // Row-major design: the IRLS loop walks one row at a time.
        var p = terms.Count;
        var x = new double[(long)n * p];
        for (var k = 0; k < n; k++)
        {
            x[k * p] = 1;
        }

        var at = 1;
        foreach (var part in parts)
        {
            part.Fill(x, p, at);
            at += part.Terms.Count;
        }

        return Fit(y, prior, x, terms, dropped: data.RowCount - n, outcome.Value.Success, profile)
            .Map(model => model with { Outcome = response, Predictors = predictors.ToArray() });
    }

    private static double[] Filled(int n, double value)
    {
        var array = new double[n];
        Array.Fill(array, value);
        return array;
    }

    /// <summary>IRLS on a row-major design <paramref name="x"/> (n rows of terms.Count values).</summary>
    private static Result<LogisticModel> Fit(double[] y, double[] prior, double[] x, List<string> terms, int dropped, string success, bool profile)
    {
        var n = y.Length;
        var p = terms.Count;
        var warnings = new List<string>();
        var mu = new double[n];
        var eta = new double[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = ((prior[i] * y[i]) + 0.5) / (prior[i] + 1);
            eta[i] = Math.Log(mu[i] / (1 - mu[i]));
        }

        var devOld = Deviance(y, prior, mu);
        var beta = new double[p];
        Cholesky? information = null;
        var converged = false;
        var iterations = 0;
        var deviance = devOld;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            iterations = iteration;
            var (xtwx, xtwz) = NormalEquations(y, prior, x, mu, eta, null, p);
            information = Cholesky.Factor(xtwx);
            beta = information.Solve(xtwz);

            // An aliased coefficient (NaN) contributes nothing, as R's glm.fit drops the column.
            Predict(x, p, Array.ConvertAll(beta, b => double.IsNaN(b) ? 0 : b), null, eta, mu);

            deviance = Deviance(y, prior, mu);
            if (Math.Abs(deviance - devOld) / (Math.Abs(deviance) + 0.1) < Epsilon)
            {
                converged = true;
                break;
            }

            devOld = deviance;
        }

        if (!converged)
        {
            warnings.Add($"The fit did not converge in {MaxIterations} iterations; estimates are unreliable.");
        }

        if (Array.Exists(mu, m => m > 1 - (10 * DoubleEpsilon) || m < 10 * DoubleEpsilon))
        {
            warnings.Add("Fitted probabilities numerically 0 or 1 occurred: the outcome is (quasi-)separated by the predictors, so estimates and standard errors are unreliable.");
        }

        var aliased = Enumerable.Range(0, p).Where(a => information!.Aliased[a]).Select(a => terms[a]).ToList();
        if (aliased.Count > 0)
        {
            warnings.Add(
                $"Not estimated because of singularities (perfectly collinear with earlier terms): {string.Join(", ", aliased)}. " +
                "As R's glm reports NA, these coefficients are null; remove a redundant predictor to silence this.");
        }

        var covariance = information!.Inverse();
        var z975 = SpecialFunctions.NormalQuantile(0.975);
        var errors = new double[p];
        for (var a = 0; a < p; a++)
        {
            errors[a] = Math.Sqrt(covariance[a, a]);
        }

        var model = new FittedModel(y, prior, x, p, beta, errors, eta, deviance);
        var coefficients = new List<Coefficient>();
        for (var a = 0; a < p; a++)
        {
            var se = errors[a];
            var zValue = beta[a] / se;
            var limits = information.Aliased[a] || !profile ? null : ProfileLikelihood.Interval(model, a, information.Aliased, covariance);
            coefficients.Add(new Coefficient(
                terms[a], beta[a], se, zValue, double.IsNaN(zValue) ? double.NaN : SpecialFunctions.NormalTwoSided(zValue),
                Math.Exp(beta[a]), Math.Exp(beta[a] - (z975 * se)), Math.Exp(beta[a] + (z975 * se)))
            {
                Profile = limits,
            });
            foreach (var side in limits is null ? [] : new[] { limits.Lower, limits.Upper })
            {
                if (!side.IsSuccess)
                {
                    warnings.Add($"Profile-likelihood interval of {terms[a]}: {side.Error}.");
                }
            }
        }

        var weighted = 0.0;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            weighted += prior[i] * y[i];
            total += prior[i];
        }

        var nullDeviance = Deviance(y, prior, Filled(n, weighted / total));
        if (NonIntegerSuccesses(y, prior))
        {
            warnings.Add(NonIntegerWarning);
        }

        // R counts only estimated coefficients in the AIC.
        var rank = p - aliased.Count;
        return Result.Ok<LogisticModel>(new LogisticModel(
            "",
            [],
            coefficients, deviance, nullDeviance, MinusTwoLogLikelihood(y, prior, mu) + (2 * rank), iterations, converged, total, n, dropped, warnings)
        {
            Success = success,
            Profiled = profile,
        });
    }

    /// <summary>
    /// glm.fit with an offset, started from the linear predictor <paramref name="etaStart"/> (R's etastart), on a
    /// row-major design of <paramref name="p"/> columns: the deviance at convergence and the linear predictor.
    /// </summary>
    public static (double Deviance, double[] Eta) Refit(double[] y, double[] prior, double[] x, int p, double[] offset, double[] etaStart, double epsilon)
    {
        var eta = (double[])etaStart.Clone();
        var mu = Array.ConvertAll(eta, Inverse);
        var devOld = Deviance(y, prior, mu);
        var deviance = devOld;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var (xtwx, xtwz) = NormalEquations(y, prior, x, mu, eta, offset, p);
            Predict(x, p, Array.ConvertAll(Cholesky.Factor(xtwx).Solve(xtwz), b => double.IsNaN(b) ? 0 : b), offset, eta, mu);

            deviance = Deviance(y, prior, mu);
            if (Math.Abs(deviance - devOld) / (Math.Abs(deviance) + 0.1) < epsilon)
            {
                break;
            }

            devOld = deviance;
        }

        return (deviance, eta);
    }

    /// <summary>The linear predictor X beta (+ offset) and the fitted probabilities, row by row.</summary>
    private static void Predict(double[] x, int p, double[] beta, double[]? offset, double[] eta, double[] mu)
    {
        for (var i = 0; i < eta.Length; i++)
        {
            var row = x.AsSpan(i * p, p);
            var sum = offset is null ? 0.0 : offset[i];
            for (var a = 0; a < row.Length; a++)
            {
                sum += row[a] * beta[a];
            }

            eta[i] = sum;
            mu[i] = Inverse(sum);
        }
    }

    /// <summary>X'WX (lower triangle) and X'Wz of one IRLS step, in one pass over the rows; z leaves out the offset.</summary>
    private static (double[,] Xtwx, double[] Xtwz) NormalEquations(double[] y, double[] prior, double[] x, double[] mu, double[] eta, double[]? offset, int p)
    {
        var n = y.Length;

        // A flat accumulator: .NET checks every index of a double[,] access, a span row costs one check.
        var sums = new double[p * p];
        var xtwz = new double[p];
        for (var i = 0; i < n; i++)
        {
            var variance = mu[i] * (1 - mu[i]);
            var muEta = Math.Max(variance, DoubleEpsilon);
            var z = (offset is null ? eta[i] : eta[i] - offset[i]) + ((y[i] - mu[i]) / muEta);
            var w = prior[i] * muEta * muEta / variance;
            if (w == 0)
            {
                continue;
            }

            var row = x.AsSpan(i * p, p);
            for (var a = 0; a < row.Length; a++)
            {
                var wxa = w * row[a];
                xtwz[a] += wxa * z;
                var target = sums.AsSpan(a * p, a + 1);
                for (var b = 0; b < target.Length; b++)
                {
                    target[b] += wxa * row[b];
                }
            }
        }

        var xtwx = new double[p, p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                xtwx[a, b] = sums[(a * p) + b];
            }
        }

        return (xtwx, xtwz);
    }

    // R's logit linkinv clamps eta so that mu stays inside (eps, 1 - eps).
    private static double Inverse(double eta)
    {
        var threshold = -Math.Log(DoubleEpsilon);
        var e = eta < -threshold ? DoubleEpsilon : eta > threshold ? 1 / DoubleEpsilon : Math.Exp(eta);
        return e / (1 + e);
    }

    /// <summary>R's warning from binomial()$initialize, verbatim at the start so that it reads as R's.</summary>
    public const string NonIntegerWarning =
        "non-integer #successes in a binomial glm! (R's warning): a row with the outcome has a weight that is not a whole number. " +
        "The AIC counts each row with its weight rounded to a whole number, as R's binomial family does; the estimates use the weights as given.";

    /// <summary>R's test in binomial()$initialize: a weighted success count more than 0.001 from a whole number.</summary>
    private static bool NonIntegerSuccesses(double[] y, double[] prior)
    {
        for (var i = 0; i < y.Length; i++)
        {
            var m = prior[i] * y[i];
            if (Math.Abs(m - Math.Round(m, MidpointRounding.ToEven)) > 1e-3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// -2 log-likelihood as R's binomial()$aic: each row with weight w &gt; 0 counts as round(w) trials
    /// (R's round, half to even), dbinom(round(w * y), round(w), mu). For 0/1 outcomes the binomial coefficient
    /// is 1, so with whole weights this is the deviance; with other weights it is not.
    /// </summary>
    private static double MinusTwoLogLikelihood(double[] y, double[] prior, double[] mu)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var trials = Math.Round(prior[i], MidpointRounding.ToEven);
            if (prior[i] > 0 && trials > 0)
            {
                sum += trials * -2 * Math.Log(y[i] == 1 ? mu[i] : 1 - mu[i]);
            }
        }

        return sum;
    }

    private static double Deviance(double[] y, double[] prior, double[] mu)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            if (prior[i] > 0)
            {
                sum += prior[i] * -2 * Math.Log(y[i] == 1 ? mu[i] : 1 - mu[i]);
            }
        }

        return sum;
    }
}
