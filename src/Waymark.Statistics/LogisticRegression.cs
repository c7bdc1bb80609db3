namespace Waymark.Statistics;

internal sealed record Coefficient(string Term, double Estimate, double StandardError, double Z, double P, double OddsRatio, double Low, double High);

internal sealed record LogisticResult(
    IReadOnlyList<Coefficient> Coefficients,
    double Deviance,
    double NullDeviance,
    double Aic,
    int Iterations,
    bool Converged,
    int N,
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

    public static Result<LogisticResult> Fit(CsvData data, string response, IReadOnlyList<string> predictors)
    {
        if (predictors.Count == 0)
        {
            return Result<LogisticResult>.Fail("Name at least one predictor column.");
        }

        var columns = new List<int>();
        foreach (var name in predictors.Prepend(response))
        {
            var column = data.Column(name);
            if (!column.IsSuccess)
            {
                return Result<LogisticResult>.Fail(column.Error!);
            }

            columns.Add(column.Value);
        }

        // Complete cases only, as R's default na.action = na.omit.
        var ys = new List<double>();
        var xs = new List<double[]>();
        var dropped = 0;
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var cells = columns.Select(c => data.Rows[i][c]).ToArray();
            if (cells.Any(CsvData.IsMissing))
            {
                dropped++;
                continue;
            }

            var row = new double[predictors.Count + 1];
            row[0] = 1;
            for (var j = 0; j < cells.Length; j++)
            {
                if (!CsvData.TryNumber(cells[j], out var value))
                {
                    return Result<LogisticResult>.Fail(
                        $"Column '{(j == 0 ? response : predictors[j - 1])}', data row {i + 1}: '{cells[j]}' is not a number.");
                }

                if (j == 0)
                {
                    if (value is not (0 or 1))
                    {
                        return Result<LogisticResult>.Fail(
                            $"Response '{response}', data row {i + 1}: '{cells[j]}' must be 0 or 1.");
                    }

                    ys.Add(value);
                }
                else
                {
                    row[j] = value;
                }
            }

            xs.Add(row);
        }

        if (ys.Count <= predictors.Count + 1)
        {
            return Result<LogisticResult>.Fail($"Only {ys.Count} complete rows for {predictors.Count + 1} coefficients.");
        }

        return Fit(ys.ToArray(), xs.ToArray(), ["(Intercept)", .. predictors], dropped);
    }

    private static Result<LogisticResult> Fit(double[] y, double[][] x, IReadOnlyList<string> terms, int dropped)
    {
        var n = y.Length;
        var p = terms.Count;
        var warnings = new List<string>();
        var mu = y.Select(v => (v + 0.5) / 2).ToArray();
        var eta = mu.Select(m => Math.Log(m / (1 - m))).ToArray();
        var devOld = Deviance(y, mu);
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
                var w = muEta * muEta / (mu[i] * (1 - mu[i]));
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

            deviance = Deviance(y, mu);
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

        var mean = y.Average();
        var nullDeviance = Deviance(y, y.Select(_ => mean).ToArray());
        // For 0/1 responses the binomial log-likelihood is -deviance/2, so AIC is deviance + 2 * parameters.
        return Result<LogisticResult>.Ok(new LogisticResult(
            coefficients, deviance, nullDeviance, deviance + (2 * p), iterations, converged, n, dropped, warnings));
    }

    // R's logit linkinv clamps eta so that mu stays inside (eps, 1 - eps).
    private static double Inverse(double eta)
    {
        var threshold = -Math.Log(DoubleEpsilon);
        var e = eta < -threshold ? DoubleEpsilon : eta > threshold ? 1 / DoubleEpsilon : Math.Exp(eta);
        return e / (1 + e);
    }

    private static double Deviance(double[] y, double[] mu)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            sum += y[i] == 1 ? -2 * Math.Log(mu[i]) : -2 * Math.Log(1 - mu[i]);
        }

        return sum;
    }
}
