using System.Net;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// On SQLite and PostgreSQL, with a sealed instrument: a resume code's draft is stored under an id
/// and a key that only Argon2id over the code gives (the fast keyed hash of earlier versions finds
/// nothing), it opens only with the code and no answer is readable in it; a draft saved by an earlier
/// version still resumes; and the completed response keeps its quality flags only inside the sealed
/// record, none in clear.
/// </summary>
public sealed class SealedDraftAndFlagTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SealedDraftAndFlagTests");

    public void Dispose() => _temp.Dispose();

    [Theory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_draft_is_keyed_by_argon2id_over_its_code_resumes_and_the_sealed_response_keeps_no_flag_in_clear(DatabaseEngine engine)
    {
        var storage = await TestDatabases.CreateAsync(engine, _temp);
        var keys = SealingKeys.Generate(_temp.NewFolder("draft-keys")).Value;
        var folder = SurveyTestForms.NewFolder(_temp, SealingKeys.ReadPublic(keys.PublicKeyPath).Value!);
        await using var server = await ServerProcess.StartAsync(SurveyTestForms.Environment(folder), storage.PostgresConnectionString);
        var settings = engine == DatabaseEngine.Sqlite ? new StorageSettings { DataDirectory = server.DataDirectory } : storage;

        using var http = new HttpClient();
        var first = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
        await first.OpenAsync();
        await first.PostAsync("start");
        await first.PostAsync("save", ("age", "52"), ("helped", "no"));
        var code = HtmlPage.Parse(first.Html).Text("p.code[lang=en] strong"); // the code's words are English in every language
        Assert.Equal(ResumeDrafts.CodeWords, code.Split(' ').Length);

        var derived = ResumeDrafts.Derive(code);
        StoredDraft stored;
        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            Assert.Null(await database.SurveyResponses.FindDraftAsync(ResumeDrafts.LegacyDraftId(code), today));
            stored = (await database.SurveyResponses.FindDraftAsync(derived.Id, today))!;
            Assert.NotNull(stored);
            Assert.False(ResumeDrafts.DecryptLegacy(stored.Payload, code).IsSuccess, "the fast hash of the code does not open the draft");
            Assert.False(stored.Payload.AsSpan().IndexOf("\"age\""u8) >= 0, "no answer is readable in the draft");

            // A draft saved by an earlier version (fast keyed hash) under another code still resumes.
            var state = ResumeDrafts.Decrypt(stored.Payload, derived).Value!;
            var legacyCode = ResumeDrafts.NewCode();
            await database.SurveyResponses.SaveDraftAsync(new StoredDraft(ResumeDrafts.LegacyDraftId(legacyCode), SurveyTestForms.FlowTest, ResumeDrafts.EncryptLegacy(state, legacyCode), today.AddDays(30)));
            var old = await ResumeAsync(http, server.PublicUrl, legacyCode);
            Assert.Equal(HttpStatusCode.OK, old.Status);
            Assert.Equal("52", HtmlPage.Parse(old.Html).One("input#q-age").GetAttribute("value")); // the answer is back in its field
        }

        var resumed = await ResumeAsync(http, server.PublicUrl, code.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.Equal("52", HtmlPage.Parse(resumed.Html).One("input#q-age").GetAttribute("value"));
        var wrong = await ResumeAsync(http, server.PublicUrl, ResumeDrafts.NewCode());
        Assert.Contains("No saved answers", wrong.Html, StringComparison.Ordinal);

        var finishing = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
        finishing.TakeOver(resumed.Html);
        await finishing.PostAsync("next", ("age", "52"), ("helped", "no"), ("contact_email", "robot@example.org"));
        await finishing.PostAsync("next", ("f1", "often"), ("f2", "sometimes"), ("f3", "never"), ("check", "blue"));
        await finishing.PostAsync("next", ("why", "Nothing more, thank you."));
        Assert.True(finishing.IsComplete, finishing.Html);

        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            var response = Assert.Single(await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest));
            Assert.True(response.Sealed);
            Assert.Equal(string.Empty, response.Flags);
            Assert.Null(await database.SurveyResponses.FindDraftAsync(derived.Id, DateOnly.FromDateTime(DateTime.UtcNow)));
            var counts = await database.SurveyResponses.CountByMetadataAsync();
            Assert.True(Assert.Single(counts).Sealed);

            var opened = ResponseArchive.Open([response], [SealingKeys.ReadSecret(keys.SecretKeyPath).Value!]);
            Assert.Contains("honeypot", Assert.Single(opened.Records).Flags);
        }
    }

    private static async Task<(HttpStatusCode Status, string Html)> ResumeAsync(HttpClient http, Uri baseUrl, string code)
    {
        var page = await http.GetStringAsync(new Uri(baseUrl, $"/en/s/{SurveyTestForms.FlowTest}/resume"));
        using var content = new FormUrlEncodedContent([
            new("wm-form", HttpRespondent.GuardToken(page)),
            new(HttpRespondent.RenderedName(page, "nav"), "resume"),
            new(HttpRespondent.RenderedName(page, "code"), code)]);
        using var response = await http.PostAsync(new Uri(baseUrl, $"/en/s/{SurveyTestForms.FlowTest}"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
