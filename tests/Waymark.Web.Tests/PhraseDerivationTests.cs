using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waymark.SelfHelp.Vault;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.SelfHelp;
using Waymark.Web.Tests.Console;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests;

/// <summary>
/// Recovery-phrase derivations (Argon2id, 19 MiB each) are bounded per process: beyond the gate and its
/// short queue a person is told politely, at once, to try again (503 with Retry-After), and a vault
/// written in the legacy format is found and moved to the current one.
/// </summary>
public sealed class PhraseDerivationTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("PhraseDerivationTests");

    public void Dispose() => _temp.Dispose();

    private const string Phrase = "acorn bagel cedar daisy eagle fable gecko";

    [Fact]
    public async Task Beyond_the_permits_and_the_queue_a_derivation_is_refused_at_once_then_runs_again()
    {
        using var gate = new DerivationGate(permits: 1, queueLimit: 1, maxWait: TimeSpan.FromSeconds(30));
        var held = await gate.AcquireAsync();
        Assert.True(held.IsAcquired);
        var queued = gate.AcquireAsync();
        Assert.False(queued.IsCompleted);

        var refused = gate.DeriveAsync(Phrase);
        Assert.True(refused.IsCompleted, "a full gate answers at once");
        Assert.Null(await refused);

        held.Dispose();
        using (var next = await queued)
        {
            Assert.True(next.IsAcquired);
        }

        Assert.Equal(VaultKeys.Derive(Phrase).Lookup, (await gate.DeriveAsync(Phrase))!.Lookup);
    }

    [Fact]
    public async Task A_waiting_derivation_gives_up_after_the_longest_wait()
    {
        using var gate = new DerivationGate(permits: 1, queueLimit: 4, maxWait: TimeSpan.FromMilliseconds(200));
        using var held = await gate.AcquireAsync();
        Assert.Null(await gate.DeriveAsync(Phrase));
    }

    [Theory]
    [InlineData("en", "Many people are using this service right now")]
    [InlineData("de", "Gerade nutzen viele Menschen diesen Dienst")]
    public async Task A_full_gate_answers_a_localised_busy_page_with_503_and_retry_after(string language, string message)
    {
        await using var server = new InProcessServer();
        await server.InitializeAsync();
        var gate = server.Services.GetRequiredService<DerivationGate>();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.PublicUrl };
        var (action, fields) = await ResumeFormAsync(client, language); // fetched first: the queue's waiters give up after MaxWait
        await using (await FullGate.FillAsync(gate))
        {
            using var content = new FormUrlEncodedContent(fields);
            using var busy = await client.PostAsync(action, content);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DerivationGate.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
            var page = await busy.Content.ReadAsStringAsync();
            Assert.Contains(message, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        }

        var (againAction, againFields) = await ResumeFormAsync(client, language);
        using var againContent = new FormUrlEncodedContent(againFields);
        using var free = await client.PostAsync(againAction, againContent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, free.StatusCode); // derived, and nothing is saved under it
    }

    [Fact]
    public async Task A_survey_resume_code_goes_through_the_same_gate_and_a_full_gate_answers_503_busy()
    {
        await using var server = new InProcessServer();
        await server.InitializeAsync();
        var gate = server.Services.GetRequiredService<DerivationGate>();
        using var client = new HttpClient { BaseAddress = server.PublicUrl };
        var page = await client.GetStringAsync("/en/s/help-us-help-you/resume");
        var fields = new Dictionary<string, string>
        {
            ["wm-form"] = HttpRespondent.GuardToken(page),
            [HttpRespondent.RenderedName(page, "nav")] = "resume",
            [HttpRespondent.RenderedName(page, "code")] = Waymark.Responses.ResumeDrafts.NewCode(),
        };
        await using (await FullGate.FillAsync(gate))
        {
            using var content = new FormUrlEncodedContent(fields);
            using var busy = await client.PostAsync("/en/s/help-us-help-you", content);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DerivationGate.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
            Assert.Contains("Many people are using this service right now", WebUtility.HtmlDecode(await busy.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var again = new FormUrlEncodedContent(fields);
        using var free = await client.PostAsync("/en/s/help-us-help-you", again);
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        Assert.Contains("No saved answers were found", WebUtility.HtmlDecode(await free.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_vault_in_the_legacy_format_still_opens_and_is_moved_to_the_current_format(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var vault = new ProgressVault(database);
        using var gate = DerivationGate.ForCores(2);
        var phraseKeys = new PhraseKeys(gate, vault);

        // Written as the managed-Argon2id version wrote it: version byte 1, under the legacy lookup.
        var legacy = VaultKeys.Derive(Phrase, VaultKeys.LegacyVersion);
        var progress = new Progress();
        progress.Record("why-change", new Dictionary<string, string> { ["reasons"] = "zorblat" });
        Assert.True(await vault.SaveAsync(legacy, progress));
        Assert.True(await database.SelfHelpVaults.AnyStartingWithAsync(VaultKeys.LegacyVersion));

        var keys = (await phraseKeys.ForExistingAsync(Phrase, CancellationToken.None))!;

        Assert.Equal(VaultKeys.CurrentVersion, keys.Version);
        var loaded = await vault.LoadAsync(keys);
        Assert.True(loaded.IsSuccess);
        Assert.Equal("zorblat", loaded.Progress!.AnswersFor("why-change")["reasons"]);
        Assert.Null(await database.SelfHelpVaults.GetAsync(legacy.Lookup));
        Assert.Equal(VaultKeys.CurrentVersion, (await database.SelfHelpVaults.GetAsync(keys.Lookup))![0]);
        Assert.False(await database.SelfHelpVaults.AnyStartingWithAsync(VaultKeys.LegacyVersion));
        Assert.False(await vault.MayHoldLegacyAsync());

        // Deleting by phrase now removes everything there was.
        Assert.True(await vault.DeleteAsync((await phraseKeys.ForExistingAsync(Phrase, CancellationToken.None))!));
        Assert.Null(await database.SelfHelpVaults.GetAsync(keys.Lookup));
    }

    private static async Task<(string Action, List<KeyValuePair<string, string>> Fields)> ResumeFormAsync(HttpClient client, string language)
    {
        var form = HtmlPage.Parse(await client.GetStringAsync($"/{language}/help")).One("form[action$='handler=Resume']");
        var fields = form.QuerySelectorAll("input[type=hidden][name]")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""))
            .ToList();
        fields.Add(new(HttpRespondent.RenderedName(form, "phrase"), Phrase));
        return (form.GetAttribute("action")!, fields);
    }
}

/// <summary>Every permit of a derivation gate held and its queue filled, until disposed.</summary>
internal sealed class FullGate : IAsyncDisposable
{
    private readonly List<System.Threading.RateLimiting.RateLimitLease> _held = [];
    private List<Task<System.Threading.RateLimiting.RateLimitLease>> _queued = [];

    public static async Task<FullGate> FillAsync(DerivationGate gate)
    {
        var full = new FullGate();
        for (var i = 0; i < gate.Permits; i++)
        {
            full._held.Add(await gate.AcquireAsync());
        }

        full._queued = Enumerable.Range(0, gate.QueueLimit).Select(_ => gate.AcquireAsync()).ToList();
        return full;
    }

    public async ValueTask DisposeAsync()
    {
        _held.ForEach(lease => lease.Dispose());
        foreach (var lease in _queued)
        {
            (await lease).Dispose();
        }
    }
}
