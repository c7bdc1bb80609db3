using System.Diagnostics;
using System.Text;
using Xunit;

namespace Waymark.Testing;

/// <summary>What a finished program left: its exit code and both output streams (UTF-8).</summary>
public sealed record ProgramRun(string Program, int ExitCode, string Output, string Error)
{
    /// <summary>Standard output then standard error, as a person at a terminal would read them.</summary>
    public string Combined => Output + Error;

    /// <summary>Fails the test unless the program exited with 0, showing what it printed.</summary>
    public ProgramRun AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"{Program} exited with {ExitCode}:\n{Combined}");
        return this;
    }
}

/// <summary>
/// Runs a real program the tests take as the truth (R, PSPP, xmllint, w3m, tor, python3) in the way
/// its user would, in a UTF-8 locale. Both streams are read at once, so a program that fills one
/// pipe cannot block on it, and a program that hangs is stopped instead of hanging the test run.
/// </summary>
public static class ExternalProgram
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="program"/> to the end (stopped after <paramref name="limit"/>, two minutes unless told); the exit code is the caller's to judge.</summary>
    public static async Task<ProgramRun> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? directory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? limit = null)
    {
        if (Path.IsPathRooted(program))
        {
            Assert.True(File.Exists(program), $"{program} is missing: ./test.sh installs it.");
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var allowed = limit ?? Limit;
        using var timeout = new CancellationTokenSource(allowed);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {allowed.TotalSeconds} s");
        }

        return new ProgramRun(program, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>The synchronous form of <see cref="RunAsync"/>, for tests that are not asynchronous.</summary>
    public static ProgramRun Run(
        string program,
        IEnumerable<string> arguments,
        string? directory = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(program, arguments, directory, environment).GetAwaiter().GetResult();
}
