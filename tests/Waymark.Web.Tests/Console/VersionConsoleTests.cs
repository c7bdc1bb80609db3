using System.Net;
using Waymark.Accounts;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Responses to two published versions of one form, read by an analyst: counts per version, the duration in the answers
/// table, and an export that codes a question a response's version did not have as "not asked" (-97), not as empty.
/// </summary>
public sealed class VersionConsoleTests(StaffFixture staff) : IClassFixture<StaffFixture>, IDisposable
{
    private const string Form = "versions-console";
    private readonly HttpClient _public = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = staff.Server.PublicUrl };

    public void Dispose() => _public.Dispose();

    private async Task PublishAsync(byte[] form)
    {
        var editor = staff.SessionOf(ConsoleRole.Editor);
        using var upload = await InstrumentFiles.UploadAsync(editor, form);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        using var published = await InstrumentFiles.PressAsync(editor, InstrumentFiles.IdFrom(upload), "Publish", confirmUnsealed: true);
        Assert.Contains("is now published", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AnswerAsync(string second, string value)
    {
        var respondent = new HttpRespondent(_public, staff.Server.PublicUrl, Form);
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        await respondent.PostAsync("next", ("talked", "no"));
        await respondent.PostAsync("next", (second, value));
        Assert.True(respondent.IsComplete, respondent.Html);
    }

    [Fact]
    public async Task Counts_per_version_the_duration_and_not_asked_in_the_export()
    {
        await PublishAsync(InstrumentFiles.Good(Form));
        await AnswerAsync("more", "zorblat");
        await PublishAsync(InstrumentFiles.SecondVersion(Form));
        await AnswerAsync("since", "quenmix");
        await AnswerAsync("since", "");

        var analyst = staff.SessionOf(ConsoleRole.Analyst);
        var counts = await analyst.Client.GetStringAsync("/console/responses");
        var table = HtmlPage.Parse(counts).One($"table#version-{Form}");
        Assert.Equal(["1"], table.Row("1"));
        Assert.Equal(["2"], table.Row("2 (served now)"));

        var answers = await analyst.Client.GetStringAsync($"/console/responses/{Form}");
        Assert.Matches("<th scope=\"col\"><a href=\"[^\"]*sort=duration[^\"]*\">Duration \\(s\\)<span class=\"skip\">, sort</span></a></th>", answers);

        var page = await analyst.Client.GetStringAsync($"/console/exports/{Form}");
        using var export = await analyst.PostFormAsync($"/console/exports/{Form}", page, [new("format", "csv"), new("language", "en")]);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = (await export.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        var header = rows[0];
        Assert.Equal(["response_id", "response_date", "form_version", "language", "duration_s", "talked", "who", "since", "more"], header[..9]);
        string[] Row(string version, string since) => rows.Single(r => r[2] == version && r[Array.IndexOf(header, "since")] == since);
        var first = Row("1", "-97");
        Assert.Equal(("zorblat", "en", string.Empty), (first[Array.IndexOf(header, "more")], first[3], first[Array.IndexOf(header, "who")]));
        Assert.Matches("^[0-9]*0$", first[4]); // whole tens of seconds
        Assert.Equal("-97", Row("2", "quenmix")[Array.IndexOf(header, "more")]);
        Assert.Equal("-97", Row("2", string.Empty)[Array.IndexOf(header, "more")]); // skipped "since", never asked "more"
    }
}
