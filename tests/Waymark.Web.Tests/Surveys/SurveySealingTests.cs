using System.Text;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>With the research team's public key beside the form, the database holds ciphertext only, and the key opens it.</summary>
public sealed class SurveySealingTests
{
    [Fact]
    public async Task A_sealed_instrument_stores_only_ciphertext_that_the_secret_key_opens()
    {
        var keys = SealingKeys.Generate(TestEnvironment.NewTempDirectory("keys")).Value;
        var folder = SurveyTestForms.NewFolder(SealingKeys.Read(keys.PublicKeyPath).Value);
        await using var server = await ServerProcess.StartAsync(SurveyTestForms.Environment(folder));
        using var http = new HttpClient();
        var respondent = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
        await respondent.CompleteFlowTestAsync(34, "quenmix zorblat answer");
        Assert.True(respondent.IsComplete, respondent.Html);
        await server.StopAsync();

        var bytes = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            bytes.Append(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        }

        Assert.DoesNotContain("quenmix zorblat", bytes.ToString(), StringComparison.Ordinal);
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory });
        var stored = Assert.Single(await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest));
        Assert.True(stored.Sealed);
        var opened = ResponseArchive.Open([stored], SealingKeys.Read(keys.SecretKeyPath).Value);
        Assert.True(opened.IsSuccess, opened.Error);
        var record = Assert.Single(opened.Value!);
        Assert.Equal("quenmix zorblat answer", record.Answers["why"]);
        Assert.Equal("34", record.Answers["age"]);
        Assert.False(record.Answers.ContainsKey("helper"));
        Assert.Equal(3, record.PageSeconds.Count);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), record.Day);
    }
}
