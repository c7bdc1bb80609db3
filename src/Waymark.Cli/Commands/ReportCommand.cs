using System.CommandLine;
using Waymark.Statistics;

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

            var error = StatisticsReport.Write(parseResult.GetValue(data)!, parseResult.GetValue(spec)!, parseResult.GetValue(output)!, levels);
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
}
