namespace Waymark.Statistics;

/// <summary>One category of a frequency table.</summary>
internal sealed record FrequencyRow(string Value, double Count, double Percent, double ValidPercent);

/// <summary>A frequency table; <paramref name="Missing"/> is weighted, the row counts are data rows of the CSV.</summary>
internal sealed record FrequencyTable(
    string Variable,
    IReadOnlyList<FrequencyRow> Rows,
    double N,
    double Missing,
    bool Weighted,
    int RowsUsed,
    int RowsDropped);

/// <summary>Builds frequency and contingency tables from CSV columns, with an optional frequency-weight column.</summary>
internal static class Tabulation
{
    public static Result<FrequencyTable> Frequencies(CsvData data, string variable, string? weight)
    {
        var column = data.Column(variable);
        if (!column.IsSuccess)
        {
            return Result<FrequencyTable>.Fail(column.Error!);
        }

        var weights = Weights(data, weight);
        if (!weights.IsSuccess)
        {
            return Result<FrequencyTable>.Fail(weights.Error!);
        }

        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        double missing = 0, total = 0;
        var used = 0;
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var cell = data.Rows[i][column.Value];
            var w = weights.Value![i];
            if (double.IsNaN(w))
            {
                continue;
            }

            total += w;
            if (CsvData.IsMissing(cell))
            {
                missing += w;
                continue;
            }

            used++;
            counts[cell] = counts.GetValueOrDefault(cell) + w;
        }

        if (total <= 0)
        {
            return Result<FrequencyTable>.Fail($"Column '{variable}' has no observations.");
        }

        var valid = total - missing;
        var rows = Levels.Sorted(counts.Keys)
            .Select(level => new FrequencyRow(level, counts[level], 100 * counts[level] / total, valid > 0 ? 100 * counts[level] / valid : double.NaN))
            .ToList();
        return Result<FrequencyTable>.Ok(new FrequencyTable(variable, rows, valid, missing, weight is not null, used, data.Rows.Count - used));
    }

    public static Result<CrossTabResult> CrossTab(CsvData data, string rowVariable, string columnVariable, string? weight)
    {
        var row = data.Column(rowVariable);
        var col = data.Column(columnVariable);
        if (!row.IsSuccess || !col.IsSuccess)
        {
            return Result<CrossTabResult>.Fail(row.Error ?? col.Error!);
        }

        var weights = Weights(data, weight);
        if (!weights.IsSuccess)
        {
            return Result<CrossTabResult>.Fail(weights.Error!);
        }

        // Listwise deletion: a row missing either variable or its weight is left out and counted.
        var cells = new Dictionary<(string Row, string Column), double>();
        var used = 0;
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var r = data.Rows[i][row.Value];
            var c = data.Rows[i][col.Value];
            var w = weights.Value![i];
            if (CsvData.IsMissing(r) || CsvData.IsMissing(c) || double.IsNaN(w))
            {
                continue;
            }

            used++;
            cells[(r, c)] = cells.GetValueOrDefault((r, c)) + w;
        }

        var rowLabels = Levels.Sorted(cells.Keys.Select(k => k.Row));
        var colLabels = Levels.Sorted(cells.Keys.Select(k => k.Column));
        var observed = new double[rowLabels.Count, colLabels.Count];
        for (var i = 0; i < rowLabels.Count; i++)
        {
            for (var j = 0; j < colLabels.Count; j++)
            {
                observed[i, j] = cells.GetValueOrDefault((rowLabels[i], colLabels[j]));
            }
        }

        return CrossTabulation.Analyse(rowLabels, colLabels, observed)
            .Then(table => Result<CrossTabResult>.Ok(table with { RowsUsed = used, RowsDropped = data.Rows.Count - used }));
    }

    /// <summary>One weight per data row: 1 without a weight column, NaN where the weight is missing.</summary>
    private static Result<double[]> Weights(CsvData data, string? weight)
    {
        var weights = new double[data.Rows.Count];
        if (weight is null)
        {
            Array.Fill(weights, 1.0);
            return Result<double[]>.Ok(weights);
        }

        var column = data.Column(weight);
        if (!column.IsSuccess)
        {
            return Result<double[]>.Fail(column.Error!);
        }

        for (var i = 0; i < weights.Length; i++)
        {
            var cell = data.Rows[i][column.Value];
            if (CsvData.IsMissing(cell))
            {
                weights[i] = double.NaN;
                continue;
            }

            if (!CsvData.TryNumber(cell, out weights[i]) || weights[i] < 0 || !double.IsFinite(weights[i]))
            {
                return Result<double[]>.Fail(
                    $"Weight column '{weight}', data row {i + 1}: '{cell}' is not a non-negative number.");
            }
        }

        return Result<double[]>.Ok(weights);
    }
}
