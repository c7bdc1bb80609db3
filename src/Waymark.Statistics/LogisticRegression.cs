namespace Waymark.Statistics;

internal sealed record Coefficient(string Term, double Estimate, double StandardError, double Z, double P, double OddsRatio, double Low, double High);

internal sealed record LogisticResult(
    IReadOnlyList<Coefficient> Coefficients,
    double Deviance,
    double NullDeviance,
    double Aic,
    int Iterations,
    bool Converged,
    double N,
    int DroppedMissing,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Binomial GLM with logit link by iteratively reweighted least squares, step for step as R's glm.fit
/// (same start, same convergence rule), so that coefficients match R to 1e-9 and not merely to R's tolerance.
/// </summary>
internal static class LogisticRegression
{
    private const double Epsilon = 1e-8;
    private const int MaxIterations = 25;
    private const double DoubleEpsilon = 2.220446049250313e-16;

    public static Result<LogisticResult> Fit(
        CsvData data,
        string response,
        IReadOnlyList<string> predictors,
        string? weight = null,
        IReadOnlyDictionary<string, string>? references = null)
    {
        if (predictors.Count == 0)
        {
            return Result<LogisticResult>.Fail("Name at least one predictor column.");
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
                return Result<LogisticResult>.Fail(column.Error!);
            }

            columns.Add(column.Value);
        }

        // Complete cases only, as R's default na.action = na.omit; the count dropped is reported.
        var complete = Enumerable.Range(0, data.Rows.Count)
            .Where(i => !columns.Any(c => CsvData.IsMissing(data.Rows[i][c])))
            .ToList();
        var dropped = data.Rows.Count - complete.Count;
        var y = new double[complete.Count];
        var prior = new double[complete.Count];
        for (var k = 0; k < complete.Count; k++)
        {
            var row = data.Rows[complete[k]];
            var cell = row[columns[0]];
            if (!CsvData.TryNumber(cell, out y[k]) || y[k] is not (0 or 1))
            {
                return Result<LogisticResult>.Fail($"Response '{response}', data row {complete[k] + 1}: '{cell}' must be 0 or 1.");
            }

            prior[k] = 1;
            if (weight is not null)
            {
                var w = row[columns[^1]];
                if (!CsvData.TryNumber(w, out prior[k]) || prior[k] < 0 || !double.IsFinite(prior[k]))
                {
                    return Result<LogisticResult>.Fail($"Weight column '{weight}', data row {complete[k] + 1}: '{w}' is not a non-negative number.");
                }
            }
        }

        var design = new List<double[]> { complete.Select(_ => 1.0).ToArray() };
        var terms = new List<string> { "(Intercept)" };
        for (var j = 0; j < predictors.Count; j++)
        {
            var cells = complete.Select(i => data.Rows[i][columns[j + 1]]).ToArray();
            var numbers = new double[cells.Length];
            if (cells.Select((c, k) => CsvData.TryNumber(c, out numbers[k])).All(ok => ok))
            {
                design.Add(numbers);
                terms.Add(predictors[j]);
                continue;
            }

            // Categorical: levels in ordinal sorted order and the first as reference, as R's factor() in the C locale.
            var levels = cells.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var reference = levels[0];
            if (references is not null && references.TryGetValue(predictors[j], out var chosen))
            {
                if (!levels.Contains(chosen))
                {
                    return Result<LogisticResult>.Fail(
                        $"Reference level '{chosen}' does not occur in '{predictors[j]}'. Levels: {string.Join(", ", levels)}.");
                }

                reference = chosen;
            }

            foreach (var level in levels.Where(l => l != reference))
            {
                design.Add(cells.Select(c => c == level ? 1.0 : 0.0).ToArray());
                terms.Add(predictors[j] + level);
            }
        }

        if (complete.Count <= terms.Count)
        {
            return Result<LogisticResult>.Fail($"Only {complete.Count} complete rows for {terms.Count} coefficients.");
        }

        var x = Enumerable.Range(0, complete.Count).Select(k => design.Select(d => d[k]).ToArray()).ToArray();
        return Fit(y, prior, x, terms, dropped);
    }

    private static Result<LogisticResult> Fit(double[] y, double[] prior, double[][] x, List<string> terms, int dropped)
    {
        var n = y.Length;
        var p = terms.Count;
        var warnings = new List<string>();
        var mu = y.Select((v, i) => ((prior[i] * v) + 0.5) / (prior[i] + 1)).ToArray();
        var eta = mu.Select(m => Math.Log(m / (1 - m))).ToArray();
        var devOld = Deviance(y, prior, mu);
        var beta = new double[p];
        double[,]? information = null;
        var converged = false;
        var iterations = 0;
        double deviance = devOld;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            iterations = iteration;
            var xtwx = new double[p, p];
            var xtwz = new double[p];
            for (var i = 0; i < n; i++)
            {
                var muEta = Math.Max(mu[i] * (1 - mu[i]), DoubleEpsilon);
                var z = eta[i] + ((y[i] - mu[i]) / muEta);
                var w = prior[i] * muEta * muEta / (mu[i] * (1 - mu[i]));
                for (var a = 0; a < p; a++)
                {
                    xtwz[a] += w * x[i][a] * z;
                    for (var b = 0; b <= a; b++)
                    {
                        xtwx[a, b] += w * x[i][a] * x[i][b];
                    }
                }
            }

            var solved = Cholesky.Solve(xtwx, xtwz);
            if (solved is null)
            {
                return Result<LogisticResult>.Fail(
                    "The predictors are collinear (one is a combination of the others); remove a redundant predictor.");
            }

            beta = solved;
            information = xtwx;
            for (var i = 0; i < n; i++)
            {
                eta[i] = 0;
                for (var a = 0; a < p; a++)
                {
                    eta[i] += x[i][a] * beta[a];
                }

                mu[i] = Inverse(eta[i]);
            }

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

        if (mu.Any(m => m > 1 - (10 * DoubleEpsilon) || m < 10 * DoubleEpsilon))
        {
            warnings.Add("Fitted probabilities numerically 0 or 1 occurred: the outcome is (quasi-)separated by the predictors, so estimates and standard errors are unreliable.");
        }

        var covariance = Cholesky.Inverse(information!);
        var z975 = SpecialFunctions.NormalQuantile(0.975);
        var coefficients = new List<Coefficient>();
        for (var a = 0; a < p; a++)
        {
            var se = Math.Sqrt(covariance![a, a]);
            var zValue = beta[a] / se;
            coefficients.Add(new Coefficient(
                terms[a], beta[a], se, zValue, SpecialFunctions.NormalTwoSided(zValue),
                Math.Exp(beta[a]), Math.Exp(beta[a] - (z975 * se)), Math.Exp(beta[a] + (z975 * se))));
        }

        var mean = y.Select((v, i) => prior[i] * v).Sum() / prior.Sum();
        var nullDeviance = Deviance(y, prior, y.Select(_ => mean).ToArray());
        // For 0/1 responses the binomial log-likelihood is -deviance/2, so AIC is deviance + 2 * parameters.
        return Result<LogisticResult>.Ok(new LogisticResult(
            coefficients, deviance, nullDeviance, deviance + (2 * p), iterations, converged, prior.Sum(), dropped, warnings));
    }

    // R's logit linkinv clamps eta so that mu stays inside (eps, 1 - eps).
    private static double Inverse(double eta)
    {
        var threshold = -Math.Log(DoubleEpsilon);
        var e = eta < -threshold ? DoubleEpsilon : eta > threshold ? 1 / DoubleEpsilon : Math.Exp(eta);
        return e / (1 + e);
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
