using System.Text;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// Sealed by default: the real <c>waymark serve</c> on an empty data folder makes a research key pair,
/// keeps only its public half in use for the surveys folder's forms (the demo instruments included),
/// writes the secret half 0600 into the data folder and says once where it is and that it belongs
/// offline; serving a folder form unsealed is an explicit, logged choice.
/// </summary>
public sealed class SealedByDefaultTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SealedByDefaultTests");

    public void Dispose() => _temp.Dispose();

    private const string SealedNotice = "Your answers are encrypted as soon as you send them";

    [Fact]
    public async Task A_fresh_data_folder_gets_a_key_pair_whose_public_half_seals_the_demo_and_folder_forms_and_the_notice_comes_once()
    {
        var data = _temp.NewFolder("fresh-data");
        var secretPath = Path.Combine(data, "research.key");
        string fingerprint;
        await using (var first = await ServerProcess.StartAsync(dataDirectory: data))
        {
            using var http = new HttpClient();
            foreach (var demo in new[] { "help-us-help-you", "no-need-for-help" })
            {
                Assert.Contains(SealedNotice, await http.GetStringAsync(new Uri(first.PublicUrl, $"/en/s/{demo}")), StringComparison.Ordinal);
            }

            await first.StopAsync();
            fingerprint = SealingKeys.Fingerprint(SealingKeys.ReadPublic(Path.Combine(data, "research.pub")).Value!);
            Assert.Contains($"The SECRET key is {secretPath}", first.Output, StringComparison.Ordinal);
            Assert.Contains("offline machine", first.Output, StringComparison.Ordinal);
            Assert.Contains($"Survey help-us-help-you loaded (responses sealed with key: {fingerprint})", first.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllText(secretPath).Trim().Split(':')[1], first.Output, StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretPath));
        }

        Assert.StartsWith(SealingKeys.SecretPrefix, File.ReadAllText(secretPath), StringComparison.Ordinal);
        var secretBefore = File.ReadAllText(secretPath);

        // Again on the same folder, with a surveys folder whose form has no key of its own: the same pair, no new notice.
        var folder = SurveyTestForms.NewFolder(_temp);
        await using (var second = await ServerProcess.StartAsync(new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = folder }, dataDirectory: data))
        {
            using var http = new HttpClient();
            var respondent = new HttpRespondent(http, second.PublicUrl, SurveyTestForms.FlowTest);
            await respondent.CompleteFlowTestAsync(41, "quenmix default key");
            Assert.True(respondent.IsComplete, respondent.Html);
            await second.StopAsync();
            Assert.DoesNotContain("research key pair was made", second.Output, StringComparison.Ordinal);
            Assert.Contains($"Survey {SurveyTestForms.FlowTest} loaded (responses sealed with key: {fingerprint})", second.Output, StringComparison.Ordinal);
        }

        Assert.Equal(secretBefore, File.ReadAllText(secretPath));
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = data });
        var stored = Assert.Single(await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest));
        Assert.True(stored.Sealed);
        Assert.DoesNotContain("quenmix", Encoding.UTF8.GetString(stored.Payload), StringComparison.Ordinal);
        var opened = ResponseArchive.Open([stored], [SealingKeys.ReadSecret(secretPath).Value!]);
        Assert.Equal("quenmix default key", Assert.Single(opened.Records).Answers["why"]);
    }

    [Fact]
    public async Task Serving_a_folder_form_unsealed_is_an_explicit_choice_that_the_log_names()
    {
        var folder = SurveyTestForms.NewFolder(_temp);
        await using var server = await ServerProcess.StartAsync(SurveyTestForms.Environment(folder));
        using var http = new HttpClient();
        Assert.DoesNotContain(SealedNotice, await http.GetStringAsync(new Uri(server.PublicUrl, $"/en/s/{SurveyTestForms.FlowTest}")), StringComparison.Ordinal);
        await server.StopAsync();
        Assert.Contains($"Survey {SurveyTestForms.FlowTest} is served UNSEALED, as chosen in WAYMARK_UNSEALED_SURVEYS", server.Output, StringComparison.Ordinal);
    }
}
