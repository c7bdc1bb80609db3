using System.Text;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>With the research team's public key beside the form, the database holds ciphertext only, and the key opens it.</summary>
public sealed class SurveySealingTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveySealingTests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_sealed_instrument_stores_only_ciphertext_that_the_secret_key_opens()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var folder = SurveyTestForms.NewFolder(_temp, SealingKeys.ReadPublic(keys.PublicKeyPath).Value);
        await using var server = await ServerProcess.StartAsync(SurveyTestForms.Environment(folder));
        using var http = new HttpClient();
        var respondent = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
        await respondent.CompleteFlowTestAsync(34, "quenmix zorblat answer");
        Assert.True(respondent.IsComplete, respondent.Html);
        await server.StopAsync();

        var bytes = await server.DataFilesTextAsync();

        Assert.DoesNotContain("quenmix zorblat", bytes, StringComparison.Ordinal);
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory });
        var stored = Assert.Single(await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest));
        Assert.True(stored.Sealed);
        var opened = ResponseArchive.Open([stored], [SealingKeys.ReadSecret(keys.SecretKeyPath).Value!]);
        Assert.Null(opened.Summary);
        var record = Assert.Single(opened.Records);
        Assert.Equal("quenmix zorblat answer", record.Answers["why"]);
        Assert.Equal("34", record.Answers["age"]);
        Assert.False(record.Answers.ContainsKey("helper"));
        Assert.Equal(3, record.PageSeconds.Count);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), record.Day);

        // On the researcher's machine: export (still sealed), open with PyNaCl (a tool we did not write)
        // and with 'waymark responses decrypt', which writes the survey exports.
        var work = _temp.NewFolder("researcher");
        var exportFile = Path.Combine(work, "export.jsonl");
        var (exportCode, exportOutput) = await RunWaymarkAsync("responses", "export", "--data-dir", server.DataDirectory, "--out", exportFile);
        Assert.True(exportCode == 0, exportOutput);
        Assert.Contains("1 responses (1 sealed)", exportOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("quenmix", await File.ReadAllTextAsync(exportFile), StringComparison.Ordinal);

        var fromPython = await RunAsync(
            "/usr/bin/python3",
            "-c",
            """
            import base64, json, sys
            from nacl.public import PrivateKey, SealedBox
            key = PrivateKey(base64.b64decode(open(sys.argv[1]).read().strip().split(':', 1)[1]))
            for line in open(sys.argv[2]):
                row = json.loads(line)
                print(json.loads(SealedBox(key).decrypt(base64.b64decode(row['payload'])))['answers']['why'])
            """,
            keys.SecretKeyPath,
            exportFile);
        Assert.Equal("quenmix zorblat answer", fromPython.Output.Trim());

        var decrypted = Path.Combine(work, "out");
        var (code, output) = await RunWaymarkAsync("responses", "decrypt", Path.Combine(folder, "flow-test.xlsx"), "--key", keys.SecretKeyPath, "--in", exportFile, "--out", decrypted);
        Assert.True(code == 0, output);
        // The raw CSV (beside it: the codebook and the spreadsheet-safe copy).
        var csvFile = Assert.Single(Directory.GetFiles(decrypted, "*.csv"), f => !f.Contains("codebook", StringComparison.Ordinal) && !f.Contains("_spreadsheet", StringComparison.Ordinal));
        var csv = await File.ReadAllTextAsync(csvFile);
        Assert.Contains("quenmix zorblat answer", csv, StringComparison.Ordinal);
        Assert.Contains(stored.Id, csv, StringComparison.Ordinal);

        var (wrongKeyCode, wrongKeyOutput) = await RunWaymarkAsync("responses", "decrypt", Path.Combine(folder, "flow-test.xlsx"), "--in", exportFile, "--out", decrypted);
        Assert.Equal(1, wrongKeyCode);
        Assert.Contains("is sealed", wrongKeyOutput, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> RunWaymarkAsync(params string[] arguments) =>
        RunAsync("dotnet", [ServerProcess.WaymarkDll(), .. arguments]);

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + error);
    }
}
