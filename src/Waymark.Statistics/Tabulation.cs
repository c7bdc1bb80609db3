namespace Waymark.Statistics;

/// <summary>Builds frequency and contingency tables from CSV columns, with an optional frequency-weight column.</summary>
internal static class Tabulation
{
    /// <summary>
    /// Counts of one column. Its level order, when the table has one (a form's choice names), sets the
    /// levels' order and keeps a level nobody chose, with a count of zero; other values follow.
    /// </summary>
    public static Result<FrequencyTable> Frequencies(Dataset data, string variable, string? weight)
    {
        var column = data.Column(variable);
        if (!column.IsSuccess)
        {
            return Result.Fail<FrequencyTable>(column.Error!);
        }

        var weights = Weights(data, weight);
        if (!weights.IsSuccess)
        {
            return Result.Fail<FrequencyTable>(weights.Error!);
        }

        var levels = new LevelIndex();
        var counts = new List<double>();
        double missing = 0, total = 0;
        var used = 0;
        for (var i = 0; i < data.RowCount; i++)
        {
            var w = weights.Value![i];
            if (double.IsNaN(w))
            {
                continue;
            }

            total += w;
            var cell = data.Cell(i, column.Value);
            if (Cells.IsMissing(cell))
            {
                missing += w;
                continue;
            }

            used++;
            var code = levels.Code(cell);
            if (code == counts.Count)
            {
                counts.Add(0);
            }

            counts[code] += w;
        }

        if (total <= 0)
        {
            return Result.Fail<FrequencyTable>($"Column '{variable}' has no observations.");
        }

        var valid = total - missing;
        var (labels, position) = levels.Sort(data.LevelOrder(variable));
        var rows = new FrequencyRow[labels.Count];
        for (var code = 0; code < labels.Count; code++)
        {
            var count = code < counts.Count ? counts[code] : 0;
            rows[position[code]] = new FrequencyRow(labels[position[code]], count, 100 * count / total, valid > 0 ? 100 * count / valid : double.NaN);
        }

        return Result.Ok<FrequencyTable>(new FrequencyTable(variable, rows, valid, missing, weight is not null, used, data.RowCount - used));
    }

    /// <summary>
    /// A contingency table of two columns with every test. With a level order for a column (a form's
    /// choice names), its categories follow that order; a listed category nobody
    /// chose is left out of the table and the tests (as R's chisq.test after droplevels) and named in
    /// <see cref="CrossTabulation.EmptyRows"/> or <see cref="CrossTabulation.EmptyColumns"/>.
    /// </summary>
    public static Result<CrossTabulation> CrossTab(
        Dataset data, string rowVariable, string columnVariable, string? weight)
    {
        var row = data.Column(rowVariable);
        var col = data.Column(columnVariable);
        if (!row.IsSuccess || !col.IsSuccess)
        {
            return Result.Fail<CrossTabulation>(row.Error ?? col.Error!);
        }

        var weights = Weights(data, weight);
        if (!weights.IsSuccess)
        {
            return Result.Fail<CrossTabulation>(weights.Error!);
        }

        // Listwise deletion: a row missing either variable or its weight is left out and counted.
        var rowLevels = new LevelIndex();
        var colLevels = new LevelIndex();
        var cells = new double[8, 8];
        var used = 0;
        for (var i = 0; i < data.RowCount; i++)
        {
            var r = data.Cell(i, row.Value);
            var c = data.Cell(i, col.Value);
            var w = weights.Value![i];
            if (Cells.IsMissing(r) || Cells.IsMissing(c) || double.IsNaN(w))
            {
                continue;
            }

            used++;
            var (ri, ci) = (rowLevels.Code(r), colLevels.Code(c));
            if (ri >= cells.GetLength(0) || ci >= cells.GetLength(1))
            {
                cells = Grown(cells, ri, ci);
            }

            cells[ri, ci] += w;
        }

        var (rowLabels, rowPosition) = rowLevels.Sort(data.LevelOrder(rowVariable));
        var (colLabels, colPosition) = colLevels.Sort(data.LevelOrder(columnVariable));
        if (rowLabels.Count > cells.GetLength(0) || colLabels.Count > cells.GetLength(1))
        {
            cells = Grown(cells, rowLabels.Count - 1, colLabels.Count - 1);
        }

        var full = new double[rowLabels.Count, colLabels.Count];
        for (var r = 0; r < rowLabels.Count; r++)
        {
            for (var c = 0; c < colLabels.Count; c++)
            {
                full[rowPosition[r], colPosition[c]] = cells[r, c];
            }
        }

        // Listed levels nobody chose (only a level order adds such a level) leave the table and the tests.
        var keptRows = Enumerable.Range(0, rowLabels.Count).Where(i => Enumerable.Range(0, colLabels.Count).Any(j => full[i, j] > 0)).ToList();
        var keptCols = Enumerable.Range(0, colLabels.Count).Where(j => Enumerable.Range(0, rowLabels.Count).Any(i => full[i, j] > 0)).ToList();
        var observed = new double[keptRows.Count, keptCols.Count];
        for (var i = 0; i < keptRows.Count; i++)
        {
            for (var j = 0; j < keptCols.Count; j++)
            {
                observed[i, j] = full[keptRows[i], keptCols[j]];
            }
        }

        var emptyRows = rowLabels.Where((_, i) => !keptRows.Contains(i)).ToList();
        var emptyCols = colLabels.Where((_, j) => !keptCols.Contains(j)).ToList();
        return ContingencyTable.Analyse(keptRows.Select(i => rowLabels[i]).ToList(), keptCols.Select(j => colLabels[j]).ToList(), observed)
            .Then(table => Result.Ok<CrossTabulation>(table with { RowVariable = rowVariable, ColumnVariable = columnVariable, RowsUsed = used, RowsDropped = data.RowCount - used, EmptyRows = emptyRows, EmptyColumns = emptyCols }));
    }

    /// <summary>A copy of the counts with room for codes (row, column), doubling what is too small.</summary>
    private static double[,] Grown(double[,] cells, int row, int column)
    {
        var rows = cells.GetLength(0);
        var cols = cells.GetLength(1);
        var grown = new double[row >= rows ? rows * 2 : rows, column >= cols ? cols * 2 : cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                grown[i, j] = cells[i, j];
            }
        }

        return grown;
    }

    /// <summary>One weight per data row: 1 without a weight column, NaN where the weight is missing.</summary>
    private static Result<double[]> Weights(Dataset data, string? weight)
    {
        var weights = new double[data.RowCount];
        if (weight is null)
        {
            Array.Fill(weights, 1.0);
            return Result.Ok<double[]>(weights);
        }

        var column = data.Column(weight);
        if (!column.IsSuccess)
        {
            return Result.Fail<double[]>(column.Error!);
        }

        for (var i = 0; i < weights.Length; i++)
        {
            var cell = data.Cell(i, column.Value);
            if (Cells.IsMissing(cell))
            {
                weights[i] = double.NaN;
                continue;
            }

            if (!Cells.TryNumber(cell, out weights[i]) || weights[i] < 0 || !double.IsFinite(weights[i]))
            {
                return Result.Fail<double[]>(
                    $"Weight column '{weight}', data row {i + 1}: '{cell.ToString()}' is not a non-negative number.");
            }
        }

        return Result.Ok<double[]>(weights);
    }
}
