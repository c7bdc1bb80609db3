using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Chromium with JavaScript off: an editor tests a form from the console as a respondent would, page by page,
/// before and after publishing. A required answer is asked for, a follow-up question appears with its notice, a
/// constraint refuses a number, back keeps the answers, the end shows what the response would have recorded;
/// and nothing is written: every table's row count and the bytes of the database files are the same after the
/// walk as before. Every page passes the page checker.
/// </summary>
public sealed class TestPreviewBrowserTests(PageChecker checker) : IClassFixture<PageChecker>, IAsyncLifetime
{
    private readonly TempFolder _temp = TempFolder.Create("TestPreviewBrowserTests");

    private const string Password = "test preview editor password";
    private const string FormId = "preview-walk";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = _temp.NewFolder("no-surveys") });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private static byte[] Form() => InstrumentFiles.Xlsx(
    [
        ("survey", [
            ["type", "name", "label::English (en)", "label::العربية (ar)", "required", "relevant", "constraint", "constraint_message::English (en)", "constraint_message::العربية (ar)"],
            ["begin group", "first", "First page", "الصفحة الأولى", "", "", "", "", ""],
            ["select_one yesno", "talked", "Have you talked to someone?", "هل تحدثت إلى أحد؟", "yes", "", "", "", ""],
            ["integer", "who", "How many people did you talk to?", "مع كم شخصًا تحدثت؟", "", "${talked} = 'yes'", ". <= 50", "At most 50.", "50 على الأكثر."],
            ["end group", "", "", "", "", "", "", "", ""],
            ["begin group", "second", "Second page", "الصفحة الثانية", "", "", "", "", ""],
            ["text", "more", "Anything else?", "هل من شيء آخر؟", "", "", "", "", ""],
            ["end group", "", "", "", "", "", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::العربية (ar)"],
            ["yesno", "yes", "Yes", "نعم"],
            ["yesno", "no", "No", "لا"],
        ]),
        ("settings", [
            ["form_id", "form_title", "version", "default_language", "style"],
            [FormId, "Preview walk", "1", "en", "pages"],
        ]),
    ]);

    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    /// <summary>The bytes of every data file (SHA-256; the SQLite shared-memory index, which readers update, left out) and every table's row count.</summary>
    private (Dictionary<string, string> Files, Dictionary<string, long> Rows) Snapshot()
    {
        var files = Directory.EnumerateFiles(_server.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(_server.DataDirectory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
        var database = Directory.EnumerateFiles(_server.DataDirectory, "*.db", SearchOption.AllDirectories).Single();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = (long)count.ExecuteScalar()!;
        }

        Assert.Contains("survey_responses", rows.Keys);
        return (files, rows);
    }

    private static void AssertUnchanged((Dictionary<string, string> Files, Dictionary<string, long> Rows) before, (Dictionary<string, string> Files, Dictionary<string, long> Rows) after)
    {
        Assert.Equal(before.Rows.OrderBy(r => r.Key, StringComparer.Ordinal), after.Rows.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(before.Files.OrderBy(f => f.Key, StringComparer.Ordinal), after.Files.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    /// <summary>A fresh editor signed in (a session's first minute writes nothing more to the database), on the instrument's page.</summary>
    private async Task<IPage> EditorOnAsync(IBrowserContext context, string name, string instrumentPath)
    {
        Assert.Equal(0, (await _server.RunCliAsync(Password, "users", "add", name, "--role", "editor", "--password-stdin")).Code);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/login").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, name, Password);
        await page.GotoAsync(new Uri(_server.ConsoleUrl, instrumentPath).ToString());
        return page;
    }

    private static async Task NextAsync(IPage page, string name = "Next") =>
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    [Fact]
    public async Task An_editor_walks_a_draft_and_the_published_form_as_a_respondent_and_nothing_is_stored()
    {
        var problems = new List<string>();
        await using var first = await checker.NewNoScriptContextAsync();
        var folder = _temp.NewFolder("preview-walk");
        var file = Path.Combine(folder, "form.xlsx");
        await File.WriteAllBytesAsync(file, Form());
        var page = await EditorOnAsync(first, "walker", "/console/instruments/upload");
        await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        Assert.Equal("draft", await page.Locator("#status").InnerTextAsync());
        var instrumentPath = new Uri(page.Url).AbsolutePath;

        // The draft: required, a follow-up question with its notice, a constraint, back and next, the end.
        var before = Snapshot();
        await page.GetByRole(AriaRole.Link, new() { Name = "Test in en" }).ClickAsync();
        Assert.Equal($"{instrumentPath}/try/en", new Uri(page.Url).AbsolutePath);
        Assert.Contains("nothing is stored", await page.Locator("#test-preview-notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByLabel("How many people did you talk to?").CountAsync());
        await CheckAsync(problems, page);
        await NextAsync(page);
        Assert.Equal(1, await page.Locator(".error-summary").CountAsync()); // "talked" is required
        await CheckAsync(problems, page);
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await NextAsync(page);
        Assert.Contains("opened new questions", await page.Locator("#test-preview .alert").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("How many people did you talk to?").FillAsync("99");
        await NextAsync(page);
        Assert.Contains("At most 50.", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);
        await page.GetByLabel("How many people did you talk to?").FillAsync("3");
        await NextAsync(page);
        Assert.Equal(1, await page.GetByLabel("Anything else?").CountAsync());
        await NextAsync(page, "Back");
        Assert.Equal("3", await page.GetByLabel("How many people did you talk to?").InputValueAsync());
        await NextAsync(page);
        await page.GetByLabel("Anything else?").FillAsync("benign test words");
        await NextAsync(page, "Send my answers");
        Assert.Equal(1, await page.Locator("#test-finished").CountAsync());
        var recorded = await page.Locator("#test-answers tbody tr").AllInnerTextsAsync();
        Assert.Contains("talked\tyes", recorded);
        Assert.Contains("who\t3", recorded);
        Assert.Contains("more\tbenign test words", recorded);
        await CheckAsync(problems, page);
        AssertUnchanged(before, Snapshot());

        // Published: the same walk on the served version, by another editor; still nothing stored.
        await page.GotoAsync(new Uri(_server.ConsoleUrl, instrumentPath).ToString());
        await page.GetByLabel("I understand: publish with responses stored unsealed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        Assert.Equal("published (served)", await page.Locator("#status").InnerTextAsync());
        await using var second = await checker.NewNoScriptContextAsync();
        page = await EditorOnAsync(second, "walker-two", instrumentPath);
        before = Snapshot();
        await page.GetByRole(AriaRole.Link, new() { Name = "Test in en" }).ClickAsync();
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await NextAsync(page);
        Assert.Equal(1, await page.GetByLabel("Anything else?").CountAsync()); // no follow-up after "no"
        await NextAsync(page, "Send my answers");
        recorded = await page.Locator("#test-answers tbody tr").AllInnerTextsAsync();
        Assert.Contains("talked\tno", recorded);
        Assert.DoesNotContain(recorded, r => r.StartsWith("who\t", StringComparison.Ordinal) && r.Length > 4);
        AssertUnchanged(before, Snapshot());
        PageChecker.AssertClean(problems);
    }
}
