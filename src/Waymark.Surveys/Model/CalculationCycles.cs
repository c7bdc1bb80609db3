namespace Waymark.Surveys;

/// <summary>Finds calculations that depend on themselves (directly or through others), which could never settle.</summary>
internal static class CalculationCycles
{
    public static void Report(IReadOnlyList<CompiledQuestion> compiled, List<Problem> problems)
    {
        var calculations = compiled.Where(c => c.Calculation is not null).ToDictionary(c => c.Question.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        foreach (var name in calculations.Keys)
        {
            if (Visit(name) is { } cycleAt)
            {
                var q = calculations[cycleAt].Question;
                problems.Add(new Problem("survey", q.Row, "calculation", $"the calculation of '{q.Name}' depends on itself"));
                return;
            }
        }

        string? Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                return s == 1 ? name : null;
            }

            state[name] = 1;
            foreach (var dependency in calculations[name].Calculation!.References)
            {
                if (calculations.ContainsKey(dependency) && Visit(dependency) is { } found)
                {
                    return found;
                }
            }

            state[name] = 2;
            return null;
        }
    }
}
