using System.Diagnostics;
using System.Text;

namespace Waymark.Testing;

/// <summary>
/// The real <c>waymark serve</c> as a child process on free loopback ports, with its own data
/// folder; everything it writes to stdout and stderr is kept for the privacy tests.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>The data folder this server made for itself (none when it was given one): deleted after it stops.</summary>
    private readonly TempFolder? _ownData;

    private ServerProcess(Process process, int publicPort, int consolePort, string dataDirectory, TempFolder? ownData)
    {
        _ownData = ownData;
        _process = process;
        PublicPort = publicPort;
        ConsolePort = consolePort;
        DataDirectory = dataDirectory;
    }

    public int PublicPort { get; }

    public int ConsolePort { get; }

    public string DataDirectory { get; }

    /// <summary>The PostgreSQL connection string this server was started with, if any.</summary>
    public string? Postgres { get; private init; }

    public Uri PublicUrl => new($"http://127.0.0.1:{PublicPort}");

    public Uri ConsoleUrl => new($"http://127.0.0.1:{ConsolePort}");

    /// <summary>All the server has printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Written in an environment value, stands for the server's public address (<c>http://127.0.0.1:PORT</c>), chosen at start.</summary>
    public const string PublicUrlToken = "{public-url}";

    /// <summary>
    /// Starts a server. Given <paramref name="dataDirectory"/> (a folder an earlier server used, for a
    /// restart), the folder is kept when this server is disposed; otherwise a new one is made and deleted.
    /// Given <paramref name="operatorEndpoint"/> (<c>127.0.0.1:PORT</c> or <c>unix:/path.sock</c>), the server
    /// also has an operator listener there (<c>--operator</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IDictionary<string, string>? environment = null, string? postgres = null, string? dataDirectory = null, string? operatorEndpoint = null)
    {
        // A free port can be taken by another test's process between choosing it and the server binding it;
        // that says nothing about the product, so the start is tried again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(environment, postgres, dataDirectory, operatorEndpoint).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<ServerProcess> StartOnceAsync(IDictionary<string, string>? environment, string? postgres, string? dataDirectory, string? operatorEndpoint)
    {
        var ports = TestEnvironment.FreePorts(2);
        var (publicPort, consolePort) = (ports[0], ports[1]);
        var ownData = dataDirectory is null ? TempFolder.Create("data") : null;
        dataDirectory ??= ownData!.Path;
        var cli = WaymarkDll();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in new[] { cli, "serve", "--public", $"127.0.0.1:{publicPort}", "--console", $"127.0.0.1:{consolePort}", "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        if (operatorEndpoint is not null)
        {
            start.ArgumentList.Add("--operator");
            start.ArgumentList.Add(operatorEndpoint);
        }

        if (postgres is not null)
        {
            start.ArgumentList.Add("--postgres");
            start.ArgumentList.Add(postgres);
        }

        // No diagnostics port: a server killed at the end of a test would leave its pipes and socket in /tmp.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value.Replace(PublicUrlToken, $"http://127.0.0.1:{publicPort}", StringComparison.Ordinal);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the waymark process.");
        var server = new ServerProcess(process, publicPort, consolePort, dataDirectory, ownData) { Postgres = postgres };
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync().ConfigureAwait(false);
        }
        catch
        {
            // A node that never answered is stopped too: left running, it outlives the test run.
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>
    /// How long a start may take. A quiet machine starts a node in 2-4 s; on a two-core machine running
    /// parallel builds and test projects it has taken over 30 s, which says nothing about the product.
    /// </summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartLimit)
        {
            if (_process.HasExited)
            {
                // The process can end before its last lines are read (a precompiled server refuses a bad setting
                // within milliseconds): waiting for the exit also waits for the end of its output.
                await _process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"waymark serve exited with {_process.ExitCode}:\n{Output}");
            }

            // Only this process's own line proves the port is its own: when the port was taken between choosing it
            // and binding it, another test's server answers there, and this one exits with "address already in use".
            if (!Output.Contains($"Now listening on: {PublicUrl.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal))
            {
                await Task.Delay(100).ConfigureAwait(false);
                continue;
            }

            try
            {
                using var response = await client.GetAsync(new Uri(PublicUrl, "/css/site.css")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"waymark serve did not say it listens on {PublicUrl} and answer there within {StartLimit.TotalSeconds} s (a test that lowers the Microsoft.Hosting.Lifetime log level hides that line):\n" + Output);
    }

    /// <summary>Stops the server the way an operator does (SIGTERM), so it flushes its counters.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Every file of the data folder as Latin-1 text, one after another: to prove a marker is in none of them.</summary>
    public async Task<string> DataFilesTextAsync()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories))
        {
            text.Append(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file).ConfigureAwait(false)));
        }

        return text.ToString();
    }

    /// <summary>Ends the server at once with SIGKILL, as a crash or power cut would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync().ConfigureAwait(false);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Keeps the data folder when this server is disposed (to restart another on it).</summary>
    public bool KeepDataDirectory { get; set; }

    /// <summary>
    /// Runs a <c>waymark</c> command against this server's storage (<c>--data-dir</c>, and
    /// <c>--postgres</c> when it has one), with <paramref name="input"/> as a line on standard input.
    /// </summary>
    public Task<(int Code, string Output, string Error)> RunCliAsync(string? input, params string[] arguments)
    {
        var storage = Postgres is null ? new[] { "--data-dir", DataDirectory } : ["--data-dir", DataDirectory, "--postgres", Postgres];
        return RunWaymarkAsync(input, [.. arguments, .. storage]);
    }

    /// <summary>Runs the <c>waymark</c> command line built beside the tests and returns its exit code and output.</summary>
    public static async Task<(int Code, string Output, string Error)> RunWaymarkAsync(string? input, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WaymarkDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the waymark process.");
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>The <c>waymark</c> command the tests run: the precompiled one test.sh published (<see cref="TestEnvironment.PublishedCli"/>), else the one built beside the tests (the test project references src/Waymark.Cli).</summary>
    public static string WaymarkDll()
    {
        if (TestEnvironment.PublishedCli is { } published)
        {
            return published;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "waymark.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: a test project that starts the server must reference src/Waymark.Cli.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        if (!KeepDataDirectory)
        {
            _ownData?.Dispose();
        }
    }
}
