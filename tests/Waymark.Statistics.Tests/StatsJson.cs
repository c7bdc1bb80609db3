using Waymark.Statistics.Rendering;

namespace Waymark.Statistics.Tests;

/// <summary>What <c>waymark stats</c> prints, through the public typed API: CSV to <see cref="Dataset"/>, <see cref="Analyse"/>, <see cref="StatisticsJson"/>.</summary>
internal static class StatsJson
{
    public sealed record Output(string? Json, string? Error);

    public static Output Frequencies(string csvPath, string variable, string? weight, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels = null) =>
        Render(Load(csvPath, levels).Then(data => Analyse.Frequencies(data, variable, weight)));

    public static Output CrossTab(string csvPath, string row, string column, string? weight, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels = null) =>
        Render(Load(csvPath, levels).Then(data => Analyse.CrossTabulate(data, row, column, weight)));

    public static Output Describe(string csvPath, string variable) =>
        Render(Load(csvPath, null).Then(data => Analyse.Describe(data, variable)));

    /// <summary><paramref name="references"/> as the command line takes them, COLUMN=LEVEL.</summary>
    public static Output Logit(string csvPath, string outcome, IReadOnlyList<string> predictors, string? weight = null, IReadOnlyList<string>? references = null, bool profile = true)
    {
        var chosen = (references ?? []).Select(r => r.Split('=', 2)).ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
        return Render(Load(csvPath, null).Then(data => Analyse.Logit(data, outcome, predictors, weight, chosen, profile)));
    }

    private static Result<Dataset> Load(string csvPath, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels) =>
        Dataset.ReadCsv(csvPath).Map(data => levels is null ? data : data.WithLevelOrders(levels));

    private static Output Render<T>(Result<T> result) where T : IAnalysis =>
        result.IsSuccess ? new Output(StatisticsJson.Write(result.Value!), null) : new Output(null, result.Error);
}
