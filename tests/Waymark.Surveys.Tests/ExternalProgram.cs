using System.Diagnostics;

namespace Waymark.Surveys.Tests;

/// <summary>Runs a real program the exports are checked with (R, PSPP) in a folder, as the analyst would.</summary>
internal static class ExternalProgram
{
    /// <summary>Standard output then standard error; fails the test on a non-zero exit or after 60 seconds.</summary>
    public static string Run(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish in 60 s");
        Assert.True(process.ExitCode == 0, output + errorTask.Result);
        return output + errorTask.Result;
    }
}
