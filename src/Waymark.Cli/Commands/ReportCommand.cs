using System.CommandLine;
using Waymark.Statistics;
using Waymark.Statistics.Rendering;
using Waymark.Statistics.Reporting;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark report DATA.csv --spec findings.yaml --out report.html</c>: one script-free HTML page of findings.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("DATA.csv") { Description = "CSV file with a header line." };
        var spec = new Option<string>("--spec") { Description = "YAML file listing the frequencies, cross-tabulations and models (docs/statistics.md).", Required = true };
        var output = new Option<string>("--out") { Description = "HTML file to write.", Required = true };
        var form = StatsCommand.FormOption();
        var command = new Command("report", "Write every analysis a findings spec lists, with tables, tests and accessible charts, to one HTML page without JavaScript.")
        {
            data, spec, output, form,
        };
        command.SetAction(async (parseResult, _) =>
        {
            var levels = await StatsCommand.LevelsAsync(parseResult, form).ConfigureAwait(false);
            if (levels is null)
            {
                return ExitCodes.Failure;
            }

            var error = Write(parseResult.GetValue(data)!, parseResult.GetValue(spec)!, parseResult.GetValue(output)!, levels);
            if (error is not null)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark report: {error}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Wrote {parseResult.GetValue(output)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the spec's analyses on the CSV and writes the page; null when written, otherwise the message (nothing written).</summary>
    internal static string? Write(string csvPath, string specPath, string outputPath, IReadOnlyDictionary<string, IReadOnlyList<string>> levels)
    {
        if (!File.Exists(specPath))
        {
            return $"The spec file '{specPath}' does not exist.";
        }

        var findings = Dataset.ReadCsv(csvPath)
            .Then(data => FindingsReport.Run(data.WithLevelOrders(levels), Path.GetFileName(csvPath), File.ReadAllText(specPath), specPath));
        if (!findings.IsSuccess)
        {
            return findings.Error;
        }

        try
        {
            File.WriteAllText(outputPath, HtmlReport.Render(findings.Value!));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Cannot write the report to '{outputPath}': {e.Message}";
        }

        return null;
    }
}
