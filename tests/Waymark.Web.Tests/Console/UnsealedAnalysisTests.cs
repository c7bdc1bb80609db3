using System.Net;
using Waymark.Accounts;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>An instrument that does not seal (the demo forms) is read, analysed and exported without any key.</summary>
public sealed class UnsealedAnalysisTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    private const string Demo = "/console/exports/help-us-help-you";

    [Fact]
    public async Task An_unsealed_instrument_needs_no_unlock_and_exports_at_once()
    {
        var analyst = staff.SessionOf(ConsoleRole.Analyst);
        var answers = await analyst.Client.GetStringAsync("/console/responses/help-us-help-you");
        Assert.False(HtmlPage.Parse(answers).Has("input[name=keyFile]"));

        var page = await analyst.Client.GetStringAsync(Demo);
        Assert.False(HtmlPage.Parse(page).Has("#locked"));
        using var export = await analyst.PostFormAsync(Demo, page, [new("format", "csv"), new("language", "en")]);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("response_id,response_date,", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknownFormat = await analyst.PostFormAsync(Demo, page, [new("format", "xlsx")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownFormat.StatusCode);
        Assert.Contains("Choose one of the formats", await unknownFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The table must be the responses or a repeat of the form (this one has none).
        Assert.False(HtmlPage.Parse(page).Has("[name=table]"));
        using var unknownTable = await analyst.PostFormAsync(Demo, page, [new("format", "csv"), new("table", "age")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownTable.StatusCode);
        Assert.Contains("Choose the responses or one of the repeats as the table.", await unknownTable.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await analyst.Client.GetAsync("/console/exports/no-such-form");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var unlockPage = await analyst.Client.GetStringAsync("/console/responses");
        using var unlock = await analyst.PostFormAsync("/console/responses/help-us-help-you?handler=Unlock", unlockPage, [new("keyText", "zorblat")]);
        Assert.Equal(HttpStatusCode.BadRequest, unlock.StatusCode);
        Assert.Contains("not sealed", await unlock.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
