namespace Waymark.Statistics;

/// <summary>
/// One predictor of a model, read from the complete rows: numeric when every value is a number (as R's
/// read.csv makes it), otherwise categorical with treatment dummies against the reference level.
/// </summary>
internal sealed class Predictor
{
    private readonly double[]? _numbers;
    private readonly int[]? _dummy;

    private Predictor(IReadOnlyList<string> terms, double[]? numbers, int[]? dummy)
    {
        Terms = terms;
        _numbers = numbers;
        _dummy = dummy;
    }

    public IReadOnlyList<string> Terms { get; }

    public static Result<Predictor> Read(Dataset data, List<int> complete, int column, string name, IReadOnlyDictionary<string, string>? references)
    {
        var numbers = new double[complete.Count];
        var numeric = true;
        for (var k = 0; k < numbers.Length && numeric; k++)
        {
            numeric = Cells.TryNumber(data.Cell(complete[k], column), out numbers[k]);
        }

        if (numeric)
        {
            return Result.Ok<Predictor>(new Predictor([name], numbers, null));
        }

        var index = new LevelIndex();
        var codes = new int[complete.Count];
        for (var k = 0; k < codes.Length; k++)
        {
            codes[k] = index.Code(data.Cell(complete[k], column));
        }

        // Levels in R's order (Levels.Sorted) and the first as reference, as R's factor() and contr.treatment.
        var (levels, position) = index.Sort();
        var reference = 0;
        if (references is not null && references.TryGetValue(name, out var chosen))
        {
            reference = levels.IndexOf(chosen);
            if (reference < 0)
            {
                return Result.Fail<Predictor>($"Reference level '{chosen}' does not occur in '{name}'. Levels: {string.Join(", ", levels)}.");
            }
        }

        // dummy[k] is the dummy column (0-based among this predictor's terms) set to 1 for row k, or -1.
        var dummy = new int[codes.Length];
        for (var k = 0; k < codes.Length; k++)
        {
            var level = position[codes[k]];
            dummy[k] = level == reference ? -1 : level < reference ? level : level - 1;
        }

        var terms = levels.Where((_, i) => i != reference).Select(level => name + level).ToList();
        return Result.Ok<Predictor>(new Predictor(terms, null, dummy));
    }

    /// <summary>Writes this predictor's design columns, starting at column <paramref name="at"/> of a zeroed row-major design.</summary>
    public void Fill(double[] x, int p, int at)
    {
        if (_numbers is not null)
        {
            for (var k = 0; k < _numbers.Length; k++)
            {
                x[(k * p) + at] = _numbers[k];
            }

            return;
        }

        for (var k = 0; k < _dummy!.Length; k++)
        {
            if (_dummy[k] >= 0)
            {
                x[(k * p) + at + _dummy[k]] = 1;
            }
        }
    }
}
