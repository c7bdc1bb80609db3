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
    int RowsUsed,
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
        var complete = new List<int>(data.Rows.Count);
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var row = data.Rows[i];
            var isComplete = true;
            foreach (var c in columns)
            {
                isComplete &= !CsvData.IsMissing(row[c]);
            }

            if (isComplete)
            {
                complete.Add(i);
            }
        }

        var n = complete.Count;
        var y = new double[n];
        var prior = new double[n];
        for (var k = 0; k < n; k++)
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

        var design = new List<double[]> { Filled(n, 1.0) };
        var terms = new List<string> { "(Intercept)" };
        for (var j = 0; j < predictors.Count; j++)
        {
            var numbers = new double[n];
            var numeric = true;
            for (var k = 0; k < n && numeric; k++)
            {
                numeric = CsvData.TryNumber(data.Rows[complete[k]][columns[j + 1]], out numbers[k]);
            }

            if (numeric)
            {
                design.Add(numbers);
                terms.Add(predictors[j]);
                continue;
            }

            var added = AddCategorical(data, complete, columns[j + 1], predictors[j], references, design, terms);
            if (added is not null)
            {
                return Result<LogisticResult>.Fail(added);
            }
        }

        if (n <= terms.Count)
        {
            return Result<LogisticResult>.Fail($"Only {n} complete rows for {terms.Count} coefficients.");
        }

        // Row-major copy: the IRLS loop walks one row at a time.
        var p = terms.Count;
        var x = new double[n * p];
        for (var a = 0; a < p; a++)
        {
            var column = design[a];
            for (var k = 0; k < n; k++)
            {
                x[(k * p) + a] = column[k];
            }
        }

        return Fit(y, prior, x, terms, dropped: data.Rows.Count - n);
    }

    /// <summary>Dummy columns for a categorical predictor; returns a message when the reference level is unknown.</summary>
    private static string? AddCategorical(
        CsvData data,
        List<int> complete,
        int column,
        string name,
        IReadOnlyDictionary<string, string>? references,
        List<double[]> design,
        List<string> terms)
    {
        var cells = new string[complete.Count];
        for (var k = 0; k < cells.Length; k++)
        {
            cells[k] = data.Rows[complete[k]][column];
        }

        // Levels in R's order (Levels.Sorted) and the first as reference, as R's factor() and contr.treatment.
        var levels = Levels.Sorted(cells);
        var reference = levels[0];
        if (references is not null && references.TryGetValue(name, out var chosen))
        {
            if (!levels.Contains(chosen))
            {
                return $"Reference level '{chosen}' does not occur in '{name}'. Levels: {string.Join(", ", levels)}.";
            }

            reference = chosen;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            if (level != reference)
            {
                index[level] = design.Count;
                design.Add(new double[cells.Length]);
                terms.Add(name + level);
            }
        }

        for (var k = 0; k < cells.Length; k++)
        {
            if (index.TryGetValue(cells[k], out var target))
            {
                design[target][k] = 1;
            }
        }

        return null;
    }

    private static double[] Filled(int n, double value)
    {
        var array = new double[n];
        Array.Fill(array, value);
        return array;
    }

    /// <summary>IRLS on a row-major design <paramref name="x"/> (n rows of terms.Count values).</summary>
    private static Result<LogisticResult> Fit(double[] y, double[] prior, double[] x, List<string> terms, int dropped)
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
            var (xtwx, xtwz) = NormalEquations(y, prior, x, mu, eta, p);
            information = Cholesky.Factor(xtwx);
            beta = information.Solve(xtwz);
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                var offset = i * p;
                for (var a = 0; a < p; a++)
                {
                    // An aliased coefficient (NaN) contributes nothing, as R's glm.fit drops the column.
                    if (!information.Aliased[a])
                    {
                        sum += x[offset + a] * beta[a];
                    }
                }

                eta[i] = sum;
                mu[i] = Inverse(sum);
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

        var aliased = Enumerable.Range(0, p).Where(a => information!.Aliased[a]).Select(a => terms[a]).ToList();
        if (aliased.Count > 0)
        {
            warnings.Add(
                $"Not estimated because of singularities (perfectly collinear with earlier terms): {string.Join(", ", aliased)}. " +
                "As R's glm reports NA, these coefficients are null; remove a redundant predictor to silence this.");
        }

        var covariance = information!.Inverse();
        var z975 = SpecialFunctions.NormalQuantile(0.975);
        var coefficients = new List<Coefficient>();
        for (var a = 0; a < p; a++)
        {
            var se = Math.Sqrt(covariance[a, a]);
            var zValue = beta[a] / se;
            coefficients.Add(new Coefficient(
                terms[a], beta[a], se, zValue, double.IsNaN(zValue) ? double.NaN : SpecialFunctions.NormalTwoSided(zValue),
                Math.Exp(beta[a]), Math.Exp(beta[a] - (z975 * se)), Math.Exp(beta[a] + (z975 * se))));
        }

        var weighted = 0.0;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            weighted += prior[i] * y[i];
            total += prior[i];
        }

        var nullDeviance = Deviance(y, prior, Filled(n, weighted / total));
        // For 0/1 responses the binomial log-likelihood is -deviance/2, so AIC is deviance + 2 * rank (R counts
        // only estimated coefficients).
        var rank = p - aliased.Count;
        return Result<LogisticResult>.Ok(new LogisticResult(
            coefficients, deviance, nullDeviance, deviance + (2 * rank), iterations, converged, total, n, dropped, warnings));
    }

    /// <summary>X'WX (lower triangle) and X'Wz of one IRLS step, in one pass over the rows.</summary>
    private static (double[,] Xtwx, double[] Xtwz) NormalEquations(double[] y, double[] prior, double[] x, double[] mu, double[] eta, int p)
    {
        var n = y.Length;
        var xtwx = new double[p, p];
        var xtwz = new double[p];
        for (var i = 0; i < n; i++)
        {
            var variance = mu[i] * (1 - mu[i]);
            var muEta = Math.Max(variance, DoubleEpsilon);
            var z = eta[i] + ((y[i] - mu[i]) / muEta);
            var w = prior[i] * muEta * muEta / variance;
            if (w == 0)
            {
                continue;
            }

            var offset = i * p;
            for (var a = 0; a < p; a++)
            {
                var wxa = w * x[offset + a];
                xtwz[a] += wxa * z;
                for (var b = 0; b <= a; b++)
                {
                    xtwx[a, b] += wxa * x[offset + b];
                }
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
