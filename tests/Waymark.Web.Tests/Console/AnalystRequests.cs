using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>What an analyst's browser sends, over plain HTTP: the forms of the responses, analyses and exports pages.</summary>
internal static class AnalystRequests
{
    public const string Answers = "/console/responses/" + SurveyTestForms.FlowTest;
    public const string Analyses = "/console/analyses/" + SurveyTestForms.FlowTest;
    public const string Exports = "/console/exports/" + SurveyTestForms.FlowTest;

    /// <summary>Posts the unlock form with a key file (multipart, as a browser sends a file input).</summary>
    public static async Task<HttpResponseMessage> UnlockWithFileAsync(this ConsoleSession session, byte[] keyFile)
    {
        var page = await session.Client.GetStringAsync(Answers);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ConsoleSession.Token(page)), "__RequestVerificationToken" },
            { new StringContent(""), "keyText" },
        };
        var file = new ByteArrayContent(keyFile);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "keyFile", "research.key");
        return await session.FollowAsync(await session.Client.PostAsync(Answers + "?handler=Unlock", form));
    }

    /// <summary>Posts the unlock form with pasted key text.</summary>
    public static async Task<HttpResponseMessage> UnlockWithTextAsync(this ConsoleSession session, string keyText)
    {
        var page = await session.Client.GetStringAsync(Answers);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ConsoleSession.Token(page)), "__RequestVerificationToken" },
            { new StringContent(keyText), "keyText" },
        };
        return await session.FollowAsync(await session.Client.PostAsync(Answers + "?handler=Unlock", form));
    }

    public static async Task<HttpResponseMessage> LockAsync(this ConsoleSession session)
    {
        var page = await session.Client.GetStringAsync("/console/responses");
        return await session.FollowAsync(await session.PostFormAsync("/console/responses?handler=Lock", page, []));
    }

    public static async Task<HttpResponseMessage> LogoutAsync(this ConsoleSession session)
    {
        var page = await session.Client.GetStringAsync("/console/logout");
        return await session.PostFormAsync("/console/logout", page, []);
    }

    /// <summary>Whether the answers page shows the opened answers (true) or the unlock form (false).</summary>
    public static async Task<bool> IsUnlockedAsync(this ConsoleSession session)
    {
        var page = await session.Client.GetStringAsync(Answers);
        var unlocked = page.Contains("id=\"answers\"", StringComparison.Ordinal);
        Assert.NotEqual(unlocked, page.Contains("name=\"keyFile\"", StringComparison.Ordinal));
        return unlocked;
    }

    public static Task<(HttpStatusCode Status, string Html)> CrossTabAsync(this ConsoleSession session, string row, string column, string language = "en", string filter = "") =>
        session.GetAsync($"{Analyses}?analysis=crosstab&row={row}&column={column}&language={language}{filter}");

    public static Task<(HttpStatusCode Status, string Html)> FrequenciesAsync(this ConsoleSession session, string question, string language, string filter = "") =>
        session.GetAsync($"{Analyses}?analysis=summary&question={question}&language={language}{filter}");

    /// <summary>A console page by GET, with its status (the analyses and filters are links).</summary>
    public static async Task<(HttpStatusCode Status, string Html)> GetAsync(this ConsoleSession session, string path)
    {
        using var response = await session.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Downloads one export file; the response is the caller's to dispose.</summary>
    public static async Task<HttpResponseMessage> ExportAsync(this ConsoleSession session, string format, string language = "en", params KeyValuePair<string, string>[] filter)
    {
        var page = await session.Client.GetStringAsync(Exports);
        return await session.PostFormAsync(Exports, page, [new("format", format), new("language", language), .. filter]);
    }

    /// <summary>The exact figure a page carries in <c>&lt;data id="…" value="…"&gt;</c>.</summary>
    public static double Figure(string html, string id)
    {
        var figure = HtmlPage.Parse(html).QuerySelector($"data#{id}");
        Assert.True(figure is not null, $"no figure '{id}' on the page:\n{html}");
        return double.Parse(figure.GetAttribute("value")!, CultureInfo.InvariantCulture);
    }

    /// <summary>The count in the row headed <paramref name="label"/> of a counts table; 0 when the table has no such row.</summary>
    public static long CountIn(string html, string tableId, string label)
    {
        var table = HtmlPage.Parse(html).One($"table#{tableId}");
        return table.QuerySelectorAll("tr").FirstOrDefault(row => row.QuerySelector("th[scope=row]")?.TextContent == label) is { } found
            ? long.Parse(found.QuerySelector("td")!.TextContent, CultureInfo.InvariantCulture)
            : 0;
    }
}
