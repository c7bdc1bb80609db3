using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Waymark.Statistics.Reporting;

/// <summary>The findings.yaml of <c>waymark report</c>: a title, an optional default weight, and the items in order.</summary>
internal sealed class ReportSpec
{
    public string? Title { get; set; }

    public string? Weight { get; set; }

    public List<ReportItem>? Items { get; set; }

    public static Result<ReportSpec> Parse(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        ReportSpec? spec;
        try
        {
            spec = deserializer.Deserialize<ReportSpec>(yaml);
        }
        catch (YamlException e)
        {
            return Result.Fail<ReportSpec>($"{source}, line {e.Start.Line}: {Explain(e)}");
        }

        if (spec?.Items is not { Count: > 0 })
        {
            return Result.Fail<ReportSpec>($"{source}: list at least one analysis under 'items:' (freq, crosstab or logit); see docs/statistics.md.");
        }

        for (var i = 0; i < spec.Items.Count; i++)
        {
            var problem = spec.Items[i]?.Problem();
            if (spec.Items[i] is null || problem is not null)
            {
                return Result.Fail<ReportSpec>($"{source}, item {i + 1}: {problem ?? "the item is empty"}.");
            }
        }

        return Result.Ok<ReportSpec>(spec);
    }

    // YamlDotNet names its own types; the user needs the keys they may write.
    private static string Explain(YamlException e)
    {
        var message = (e.InnerException ?? e).Message;
        var unknown = Regex.Match(message, "Property '([^']*)' not found", RegexOptions.None, TimeSpan.FromSeconds(1));
        return unknown.Success
            ? $"unknown key '{unknown.Groups[1].Value}'; the spec knows title, weight, items, and in an item freq, crosstab, logit, predictors, ref, weight, title."
            : $"not a valid spec ({message}); see docs/statistics.md for the format.";
    }
}

/// <summary>One analysis: exactly one of <c>freq: VAR</c>, <c>crosstab: [ROW, COL]</c>, <c>logit: OUTCOME</c>.</summary>
internal sealed class ReportItem
{
    public string? Freq { get; set; }

    public List<string>? Crosstab { get; set; }

    public string? Logit { get; set; }

    public List<string>? Predictors { get; set; }

    public Dictionary<string, string>? Ref { get; set; }

    public string? Weight { get; set; }

    public string? Title { get; set; }

    /// <summary>How the item reads in messages: "crosstab contact by sought".</summary>
    public string Name =>
        Freq is not null ? $"freq {Freq}"
        : Crosstab is not null ? $"crosstab {string.Join(" by ", Crosstab)}"
        : $"logit {Logit}";

    public string? Problem()
    {
        var kinds = (Freq is null ? 0 : 1) + (Crosstab is null ? 0 : 1) + (Logit is null ? 0 : 1);
        if (kinds != 1)
        {
            return "say which analysis it is with exactly one of 'freq: VARIABLE', 'crosstab: [ROW, COLUMN]' or 'logit: OUTCOME'";
        }

        if (Crosstab is not null && Crosstab.Count != 2)
        {
            return $"({Name}) 'crosstab' takes two variables, [ROW, COLUMN]";
        }

        if (Logit is not null && Predictors is not { Count: > 0 })
        {
            return $"({Name}) list the model's predictors, for example 'predictors: [age, region]'";
        }

        if (Logit is null && (Predictors is not null || Ref is not null))
        {
            return $"({Name}) 'predictors' and 'ref' belong to a logit item";
        }

        return null;
    }
}
