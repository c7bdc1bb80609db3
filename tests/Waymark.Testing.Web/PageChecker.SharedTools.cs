using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Waymark.Testing;

public sealed partial class PageChecker
{
    /// <summary>
    /// What every <see cref="PageChecker"/> of a test process shares: one Nu HTML Checker server (a JVM on loopback,
    /// which checks documents posted to it concurrently), one Playwright driver and axe-core's source. Started by the
    /// first checker that needs them and stopped when the test process exits: xunit 2 has no assembly fixture, and a
    /// collection fixture would make the classes that use it run one after the other.
    /// </summary>
    private sealed class SharedTools
    {
        private static readonly Lazy<Task<SharedTools>> Instance = new(StartAsync);

        private static readonly TimeSpan VnuStartLimit = TimeSpan.FromSeconds(240);

        private readonly Process _vnu;

        private SharedTools(Process vnu, Uri vnuUrl, IPlaywright playwright, string axeSource)
        {
            _vnu = vnu;
            VnuUrl = vnuUrl;
            Playwright = playwright;
            AxeSource = axeSource;
        }

        public Uri VnuUrl { get; }

        public IPlaywright Playwright { get; }

        public string AxeSource { get; }

        public HttpClient Http { get; } = CreateHttpClient();

        public static Task<SharedTools> GetAsync() => Instance.Value;

        private static HttpClient CreateHttpClient()
        {
            var client = new HttpClient { Timeout = TimeSpan.FromSeconds(180) };
            client.DefaultRequestHeaders.UserAgent.ParseAdd("waymark-page-checker/1.0"); // the Nu HTML Checker refuses requests without one
            return client;
        }

        private static async Task<SharedTools> StartAsync()
        {
            var tools = Path.Combine(TestEnvironment.RepositoryRoot, "tools", "node_modules");
            var axeSource = await File.ReadAllTextAsync(Path.Combine(tools, "axe-core", "axe.min.js")).ConfigureAwait(false);
            var port = TestEnvironment.FreePort();
            var start = new ProcessStartInfo("java") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", Path.Combine(tools, "vnu-jar", "build", "dist", "vnu.jar"), "nu.validator.servlet.Main", port.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            var vnu = Process.Start(start) ?? throw new InvalidOperationException("Could not start java for the Nu HTML Checker (test.sh installs it).");
            vnu.OutputDataReceived += (_, _) => { };
            vnu.ErrorDataReceived += (_, _) => { };
            vnu.BeginOutputReadLine();
            vnu.BeginErrorReadLine();
            IPlaywright? playwright = null;
            try
            {
                playwright = await Microsoft.Playwright.Playwright.CreateAsync().ConfigureAwait(false);
                var shared = new SharedTools(vnu, new Uri($"http://127.0.0.1:{port}/?out=json"), playwright, axeSource);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Stop();
                await shared.WaitForVnuAsync().ConfigureAwait(false);
                return shared;
            }
            catch
            {
                playwright?.Dispose();
                vnu.Kill(entireProcessTree: true);
                vnu.Dispose();
                throw;
            }
        }

        private async Task WaitForVnuAsync()
        {
            // Java needs time on a 2-core machine busy with test servers and browsers.
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < VnuStartLimit)
            {
                if (_vnu.HasExited)
                {
                    throw new InvalidOperationException($"The Nu HTML Checker exited with {_vnu.ExitCode} while starting.");
                }

                try
                {
                    using var response = await Http.GetAsync(new Uri(VnuUrl, "/")).ConfigureAwait(false);
                    return;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250).ConfigureAwait(false);
                }
            }

            throw new TimeoutException($"The Nu HTML Checker did not start within {VnuStartLimit.TotalSeconds} s (is Java installed? test.sh installs it).");
        }

        /// <summary>Runs as the test process exits: the JVM is a child that would otherwise outlive it.</summary>
        private void Stop()
        {
            if (!_vnu.HasExited)
            {
                _vnu.Kill(entireProcessTree: true);
            }

            _vnu.Dispose();
            Http.Dispose();
            Playwright.Dispose();
        }
    }
}
