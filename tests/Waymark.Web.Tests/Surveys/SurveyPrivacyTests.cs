using System.Text;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// A respondent's user agent, forwarded address and referrer appear nowhere: not in the logs (every
/// category at Trace), not in the database files, not in the stored response; the response id is random
/// and the date at most the day (none when configured so).
/// </summary>
public sealed class SurveyPrivacyTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyPrivacyTests");

    public void Dispose() => _temp.Dispose();

    private const string Agent = "SurveyAgent/3.1 (marker-ua-9182)";
    private const string ForwardedFor = "198.51.100.91";
    private const string Referrer = "http://marker-referrer-9182.example/from";

    [Fact]
    public async Task Distinctive_headers_reach_neither_logs_nor_database_and_no_date_is_kept_when_configured()
    {
        var environment = SurveyTestForms.Environment(SurveyTestForms.NewFolder(_temp));
        environment["Logging__LogLevel__Default"] = "Trace";
        environment["Logging__LogLevel__Microsoft"] = "Trace";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";
        environment["WAYMARK_RESPONSE_DATE"] = "none";
        await using var server = await ServerProcess.StartAsync(environment);
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Agent);
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", ForwardedFor);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Referer", Referrer);
        for (var i = 0; i < 3; i++)
        {
            var respondent = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
            await respondent.CompleteFlowTestAsync(30 + i, "privacy-answer-" + i);
            Assert.True(respondent.IsComplete);
        }

        await server.StopAsync();
        var output = server.Output;
        Assert.Contains("Survey flow-test loaded", output, StringComparison.Ordinal); // the log was captured at all
        var stored = await server.DataFilesTextAsync();

        Assert.Contains("privacy-answer-0", stored, StringComparison.Ordinal); // unsealed here, so the files are readable
        foreach (var marker in new[] { "marker-ua-9182", "SurveyAgent", ForwardedFor, "marker-referrer-9182" })
        {
            Assert.DoesNotContain(marker, output, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        }

        await using var database = await Storage.WaymarkDatabase.OpenAsync(new Storage.StorageSettings { DataDirectory = server.DataDirectory });
        var responses = await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest);
        Assert.Equal(3, responses.Count);
        Assert.All(responses, r => Assert.Null(r.Day));
        Assert.All(responses, r => Assert.Matches("^[0-9a-f]{32}$", r.Id));
        Assert.All(responses, r => Assert.Contains("\"day\":null", Encoding.UTF8.GetString(r.Payload), StringComparison.Ordinal));
    }
}
