using System.Net;
using System.Text;
using Microsoft.Playwright;
using Npgsql;
using Waymark.Secrets;
using Waymark.SelfHelp.Vault;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// The self-help programme as a person uses it, in Chromium with JavaScript off: work through modules,
/// save with a recovery phrase, resume in a fresh browser from the phrase alone, delete. The database
/// and the logs must never hold an answer or the phrase.
/// </summary>
/// <remarks>
/// The tests share one server where they only need one (each works under its own phrase, and what they assert
/// absent from the logs and the data files must be absent whoever else used the server); the tests that count
/// the stored vaults or use PostgreSQL start their own.
/// </remarks>
public sealed class SelfHelpFlowTests(PageChecker checker, ServerFixture fixture) : IClassFixture<PageChecker>, IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SelfHelpFlowTests");

    public void Dispose() => _temp.Dispose();

    // Distinctive, benign answers: if these bytes appear anywhere in storage, plaintext leaked.
    private const string FirstAnswer = "zorblat-quenmix 7731 because my own reasons matter";
    private const string SecondAnswer = "quenmix-reflection-4410 about real children";

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task A_person_saves_two_modules_resumes_from_the_phrase_alone_and_deletes(string language)
    {
        var server = fixture.Server;
        var problems = new List<string>();

        var phrase = await SaveTwoModulesAsync(server, language, problems);

        Assert.Equal(RecoveryPhrase.WordsFor(language), phrase.Split(' ').Length);
        await using (var fresh = await checker.NewNoScriptContextAsync())
        {
            var page = await ResumeAsync(fresh, server, language, phrase.ToUpperInvariant().Replace(' ', '-'));
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));
            Assert.Equal(2, await page.Locator(".done").CountAsync());

            await page.Locator($"form[action='/{language}/help/why-change?handler=Open'] button").ClickAsync();
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));
            Assert.Equal(FirstAnswer, await page.InputValueAsync("#x-reasons"));
            Assert.True(await page.IsCheckedAsync("input[name$='-a.gains.peace']"));
            Assert.False(await page.IsCheckedAsync("input[name$='-a.gains.time']"));
            Assert.True(await page.IsCheckedAsync("input[name$='-a.readiness'][value='7']"));
        }

        await using (var another = await checker.NewNoScriptContextAsync())
        {
            var page = await another.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help/delete").ToString());
            await page.FillAsync("#phrase", phrase);
            await page.CheckAsync("input[name$='-confirm']");
            await page.Locator("form button").ClickAsync();
            Assert.Equal(1, await page.Locator(".outcome").CountAsync());
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));

            var after = await ResumeAsync(another, server, language, phrase, expectSuccess: false);
            Assert.Equal(1, await after.Locator(".problem").CountAsync());
            Assert.Equal(0, await after.Locator(".done").CountAsync());
        }

        PageChecker.AssertClean(problems);
        AssertNoSecretIn(server.Output, phrase, "the server's output");
    }

    [Theory]
    [InlineData("es", "en")]
    [InlineData("zh-hans", "fi")]
    public async Task A_phrase_in_the_readers_own_words_opens_the_vault_from_the_pages_of_another_language(string language, string later)
    {
        var server = fixture.Server;
        var problems = new List<string>();

        var phrase = await SaveTwoModulesAsync(server, language, problems);

        // Eight words of the language's own list (docs/adr/0031), marked as that language on the page.
        Assert.Equal(8, phrase.Split(' ').Length);
        Assert.Equal(language, RecoveryPhrase.WordsLanguage(language));
        Assert.True(RecoveryPhrase.ParseAnyList(phrase, language).IsSuccess);
        await using (var fresh = await checker.NewNoScriptContextAsync())
        {
            // Typed later on another language's pages the way a keyboard without accents or a Chinese input method gives it.
            var typed = language == "es" ? WithoutAccents(phrase).ToUpperInvariant() : phrase.Replace(" ", "", StringComparison.Ordinal);
            var page = await ResumeAsync(fresh, server, later, typed);
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));
            Assert.Equal(2, await page.Locator(".done").CountAsync());
        }

        PageChecker.AssertClean(problems);
        AssertNoSecretIn(server.Output, phrase, "the server's output");
    }

    /// <summary>
    /// The new phrase on a phone-sized screen (360 px) in Arabic, Persian and Russian: eight words of the language's own
    /// list, marked with its <c>lang</c> and direction (right to left for Arabic and Persian, so that the first word is
    /// read first), no horizontal scrolling; typed back the way another keyboard gives it (Arabic
    /// letters for Persian, no hamza for Arabic, capitals and е for ё in Russian) on the English pages, it opens the vault.
    /// </summary>
    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    [InlineData("ru")]
    public async Task The_new_phrase_is_in_the_readers_words_at_360_px_and_opens_however_it_is_typed(string language)
    {
        var server = fixture.Server;
        var problems = new List<string>();
        string phrase;
        await using (var context = await checker.NewNoScriptContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(360, 740);
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help/why-change").ToString());
            await page.FillAsync("#x-reasons", FirstAnswer);
            await page.Locator("button[formaction$='handler=SaveNewPhrase']").ClickAsync();
            var words = page.Locator(".phrase .words");
            phrase = (await words.InnerTextAsync()).Trim();
            Assert.Equal(language, await words.GetAttributeAsync("lang"));
            Assert.Equal(language is "ar" or "fa" ? "rtl" : "ltr", await words.GetAttributeAsync("dir"));
            Assert.Equal(8, phrase.Split(' ').Length);
            Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(phrase, "en").Phrase);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{language}: the page is {widths[0]} px wide in a {widths[1]} px window");
            await page.ScreenshotAsync(new() { Path = _temp.File($"phrase-{language}-360.png"), FullPage = true });
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));
        }

        var typed = language switch
        {
            "fa" => phrase.Replace('\u06CC', '\u064A').Replace('\u06A9', '\u0643'),
            "ar" => phrase.Replace('\u0623', '\u0627').Replace('\u0625', '\u0627').Replace('\u0622', '\u0627'),
            _ => phrase.Replace('ё', 'е').ToUpperInvariant(),
        };
        await using (var fresh = await checker.NewNoScriptContextAsync())
        {
            var page = await ResumeAsync(fresh, server, "en", typed);
            Assert.Equal(1, await page.Locator(".done").CountAsync());
        }

        PageChecker.AssertClean(problems);
        AssertNoSecretIn(server.Output, phrase, "the server's output");
    }

    private static string WithoutAccents(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark));

    [Fact]
    public async Task The_sqlite_file_holds_ciphertext_and_no_answer_or_phrase()
    {
        var server = fixture.Server;
        var phrase = await SaveTwoModulesAsync(server, "en", []);

        var settings = new StorageSettings { DataDirectory = server.DataDirectory };
        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            var keys = VaultKeys.Derive(phrase);
            Assert.NotNull(await database.SelfHelpVaults.GetAsync(keys.Lookup)); // something really was stored
        }

        var bytes = new List<byte>();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "waymark.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            bytes.AddRange(memory.ToArray());
        }

        AssertNoSecretIn(bytes.ToArray(), phrase, "the SQLite files");
    }

    [Fact]
    public async Task Postgresql_rows_hold_ciphertext_and_no_answer_or_phrase()
    {
        var settings = await TestDatabases.CreateAsync(DatabaseEngine.PostgreSql, _temp);
        await using var server = await ServerProcess.StartAsync(postgres: settings.PostgresConnectionString);
        var phrase = await SaveTwoModulesAsync(server, "en", []);

        await using var source = NpgsqlDataSource.Create(settings.PostgresConnectionString!);
        await using var command = source.CreateCommand("SELECT lookup, ciphertext FROM selfhelp_vaults");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            AssertNoSecretIn([.. (byte[])reader[0], .. (byte[])reader[1]], phrase, "a PostgreSQL row");
        }

        Assert.Equal(1, rows);
        await using var everything = source.CreateCommand("SELECT string_agg(t::text, '|') FROM (SELECT * FROM counters) t");
        AssertNoSecretIn(Encoding.UTF8.GetBytes(await everything.ExecuteScalarAsync() as string ?? ""), phrase, "the counters");
    }

    [Fact]
    public async Task Tampered_ciphertext_wrong_and_mistyped_phrases_get_a_clear_message_and_no_crash()
    {
        var server = fixture.Server;
        var phrase = await SaveTwoModulesAsync(server, "en", []);
        var problems = new List<string>();
        await using (var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory }))
        {
            var keys = VaultKeys.Derive(phrase);
            var blob = (await database.SelfHelpVaults.GetAsync(keys.Lookup))!;
            blob[blob.Length / 2] ^= 0x20;
            await database.SelfHelpVaults.PutAsync(keys.Lookup, blob);
        }

        await using var context = await checker.NewNoScriptContextAsync();
        var cases = new (string Typed, string Message)[]
        {
            (phrase, "could not be read"),
            (RecoveryPhrase.Generate(), "Nothing is saved under this phrase"),
            (string.Join(' ', phrase.Split(' ').Take(6)), "has 7 words; you typed 6"),
            ("zorblat " + string.Join(' ', phrase.Split(' ').Skip(1)), "Word 1 of your phrase"),
            ("   ", "Please type your recovery phrase"),
        };
        foreach (var (typed, message) in cases)
        {
            var page = await ResumeAsync(context, server, "en", typed, expectSuccess: false);
            var html = await page.ContentAsync();
            Assert.Contains(message, await page.Locator(".problem").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(FirstAnswer, html, StringComparison.Ordinal);
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), html));
        }

        using var http = new HttpClient();
        using var stillUp = await http.GetAsync(new Uri(server.PublicUrl, "/en/help"));
        Assert.Equal(HttpStatusCode.OK, stillUp.StatusCode);
        Assert.DoesNotContain("Exception", server.Output, StringComparison.Ordinal);
        PageChecker.AssertClean(problems);
    }

    [Fact]
    public async Task Without_a_phrase_nothing_is_stored_and_the_phrase_never_appears_in_an_address()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        var addresses = new List<string>();
        page.Request += (_, request) => addresses.Add(request.Url);
        await page.GotoAsync(new Uri(server.PublicUrl, "/en/help/why-change").ToString());
        await page.FillAsync("#x-reasons", FirstAnswer);
        await page.FillAsync("#phrase", RecoveryPhrase.Generate());
        await page.Locator("button[formaction$='handler=SaveWithPhrase']").ClickAsync();
        Assert.Contains("Nothing is saved under this phrase", await page.Locator(".problem").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(FirstAnswer, await page.InputValueAsync("#x-reasons")); // the answer survives the error
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue without saving" }).ClickAsync();
        Assert.EndsWith("/en/help/real-not-virtual", page.Url, StringComparison.Ordinal);

        await using (var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory }))
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM selfhelp_vaults";
            Assert.Equal(0L, Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        var phrase = await SaveTwoModulesAsync(server, "en", [], context);
        Assert.NotEmpty(addresses);
        foreach (var form in new[] { phrase, phrase.Replace(' ', '+'), Uri.EscapeDataString(phrase), FirstAnswer.Replace(' ', '+'), Uri.EscapeDataString(FirstAnswer) })
        {
            Assert.DoesNotContain(addresses, address => address.Contains(form, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(addresses, address => address.Contains("phrase=", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Module 1 with a new phrase, then module 2 under the same vault; returns the phrase shown once.</summary>
    private async Task<string> SaveTwoModulesAsync(ServerProcess server, string language, List<string> problems, IBrowserContext? existing = null)
    {
        var context = existing ?? await checker.NewNoScriptContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help").ToString());
            await page.Locator("a.next").ClickAsync();
            Assert.EndsWith($"/{language}/help/why-change", page.Url, StringComparison.Ordinal);
            await page.FillAsync("#x-reasons", FirstAnswer);
            await page.CheckAsync("input[name$='-a.gains.peace']");
            await page.CheckAsync("input[name$='-a.readiness'][value='7']");
            await page.Locator("button[formaction$='handler=SaveNewPhrase']").ClickAsync();
            var phrase = (await page.Locator(".phrase .words").InnerTextAsync()).Trim();
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));

            await page.Locator("button.next").ClickAsync();
            Assert.Contains($"/{language}/help/real-not-virtual", page.Url, StringComparison.Ordinal);
            problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));
            await page.FillAsync("#x-reflection", SecondAnswer);
            await page.Locator("button[formaction$='handler=Save']").ClickAsync();
            Assert.Equal(0, await page.Locator(".phrase").CountAsync()); // the phrase is shown once only
            Assert.Equal(1, await page.Locator("button.next").CountAsync());
            return phrase;
        }
        finally
        {
            if (existing is null)
            {
                await context.DisposeAsync();
            }
        }
    }

    private static async Task<IPage> ResumeAsync(IBrowserContext context, ServerProcess server, string language, string typed, bool expectSuccess = true)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help").ToString());
        await page.FillAsync("#phrase", typed);
        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("form[action$='handler=Resume'] button").ClickAsync(), r => r.Url.EndsWith("handler=Resume", StringComparison.Ordinal));
        var problem = await page.Locator(".problem").AllInnerTextsAsync();
        Assert.True((expectSuccess ? 200 : 422) == response.Status, $"status {response.Status} for '{typed}': {string.Join(" ", problem)}");
        return page;
    }

    private static void AssertNoSecretIn(string text, string phrase, string where) =>
        AssertNoSecretIn(Encoding.UTF8.GetBytes(text), phrase, where);

    private static void AssertNoSecretIn(byte[] haystack, string phrase, string where)
    {
        foreach (var secret in new[] { FirstAnswer, SecondAnswer, "zorblat-quenmix", "quenmix-reflection", phrase })
        {
            Assert.True(haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' found in {where}");
            Assert.True(haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"'{secret}' (UTF-16) found in {where}");
        }
    }
}
