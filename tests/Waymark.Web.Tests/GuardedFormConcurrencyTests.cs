using System.Collections.Concurrent;
using System.Net;
using Waymark.Testing;
using Waymark.Web.Hosting;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests;

/// <summary>
/// Guarded forms hammered from many threads at once (fresh renderings, the same rendering sent
/// past its limit, forged tokens, filled honeypots): every answer is the 200, 400 or 429 that one
/// client alone would get, never a 5xx, and the server logs no exception.
/// </summary>
public sealed class GuardedFormConcurrencyTests : IAsyncLifetime
{
    private readonly TempFolder _temp = TempFolder.Create("GuardedFormConcurrencyTests");

    private const int Workers = 16;
    private const int RoundsPerWorker = 100;

    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(SurveyTestForms.Environment(SurveyTestForms.NewFolder(_temp)));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private Uri Survey => new(_server.PublicUrl, "/en/s/" + SurveyTestForms.FlowTest);

    private static (string, string)[] Start(string consent, string? token = null, bool honeypot = false)
    {
        var fields = new List<(string, string)>
        {
            ("wm-form", token ?? HttpRespondent.GuardToken(consent)),
            (HttpRespondent.RenderedName(consent, "state"), WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(consent, "name=\"f[0-9a-f]{12}-state\" value=\"([^\"]*)\"").Groups[1].Value)),
            (HttpRespondent.RenderedName(consent, "nav"), "start"),
        };
        if (honeypot)
        {
            fields.Add((HttpRespondent.RenderedName(consent, Forms.GuardedForm.HoneypotBait), "http://spam.invalid"));
        }

        return [.. fields];
    }

    [Fact]
    public async Task Many_threads_posting_guarded_forms_get_only_the_answers_one_client_gets()
    {
        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers, AllowAutoRedirect = false });

        async Task Post(string what, (string Name, string Value)[] fields, HttpStatusCode expected, bool exact = true)
        {
            using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
            using var response = await http.PostAsync(Survey, content);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(what + " " + status, 1, (_, n) => n + 1);
            if (status >= 500 || (exact && response.StatusCode != expected))
            {
                failures.Add($"{what}: {status}");
            }
        }

        async Task Worker()
        {
            for (var round = 0; round < RoundsPerWorker; round++)
            {
                var consent = await http.GetStringAsync(Survey);
                var start = Start(consent);
                // The same rendering from several threads at once: five get through, the rest 429 (which ones is a race, the count is not).
                await Task.WhenAll(Enumerable.Range(0, RateLimits.FormTokenWindow.PermitLimit + 2).Select(_ => Post("replay", start, HttpStatusCode.OK, exact: false)));
                await Post("forged", Start(consent, token: "CfDJ8" + new string('A', 120)), HttpStatusCode.BadRequest);
                await Post("honeypot", Start(await http.GetStringAsync(Survey), honeypot: true), HttpStatusCode.OK);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Worker)));

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(failures.IsEmpty, $"{failures.Count} unexpected answers ({string.Join("; ", failures.Take(5))}); all: {summary}");
        var replays = Workers * RoundsPerWorker;
        Assert.Equal(replays * RateLimits.FormTokenWindow.PermitLimit, statuses.GetValueOrDefault("replay 200"));
        Assert.Equal(replays * 2, statuses.GetValueOrDefault("replay 429"));
        await Task.Delay(500); // the log is written asynchronously
        Assert.DoesNotContain("Exception", _server.Output, StringComparison.Ordinal);
    }
}
