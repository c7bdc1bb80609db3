using System.Net;
using System.Text.Json;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>What an editor does on the console's screening pages, over HTTP with the page's anti-forgery token.</summary>
internal static class ScreeningConsole
{
    public static async Task<(HttpStatusCode Status, string Html)> UploadAsync(ConsoleSession session, string name, byte[] file, string fileName = "list.tsv")
    {
        var page = await session.Client.GetStringAsync("/console/screening");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ConsoleSession.Token(page)), "__RequestVerificationToken" },
            { new StringContent(name), "name" },
            { new ByteArrayContent(file), "file", fileName },
        };
        using var response = await session.Client.PostAsync("/console/screening?handler=Upload", form);
        return await AnswerAsync(session, response);
    }

    public static Task<(HttpStatusCode Status, string Html)> UploadAsync(ConsoleSession session, string name, string text) =>
        UploadAsync(session, name, System.Text.Encoding.UTF8.GetBytes(text));

    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(ConsoleSession session, string handler, params (string Name, string Value)[] fields)
    {
        var page = await session.Client.GetStringAsync("/console/screening");
        using var response = await session.PostFormAsync($"/console/screening?handler={handler}", page, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await AnswerAsync(session, response);
    }

    /// <summary>
    /// The POST's status and the page it leads to: a change that succeeded redirects to the list page (redirect after
    /// POST), which is fetched as a browser would and says what was done; any other answer is the page itself.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Html)> AnswerAsync(ConsoleSession session, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal("/console/screening", response.Headers.Location?.OriginalString);
        return (response.StatusCode, await session.Client.GetStringAsync(response.Headers.Location));
    }

    /// <summary>A console GET that waits out the console's rate limit (100 requests a second), for tests that walk hundreds of pages.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> GetPacedAsync(ConsoleSession session, string path)
    {
        using var response = await session.SendPacedAsync(() => new HttpRequestMessage(HttpMethod.Get, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The id of an uploaded list, from the hidden field of the buttons in its row.</summary>
    public static string IdOf(string html, string listName) =>
        HtmlPage.Parse(html).QuerySelectorAll("#uploaded-lists tr").Single(row => row.QuerySelector("th[scope=row]")?.TextContent == listName)
            .One("input[type=hidden][name=id]").GetAttribute("value")!;

    /// <summary>Whether the public API warns for <paramref name="query"/>.</summary>
    public static async Task<bool> MatchesAsync(HttpClient http, Uri publicUrl, string query, string language = "en")
    {
        var json = await http.GetStringAsync(new Uri(publicUrl, $"/api/screen?q={Uri.EscapeDataString(query)}&lang={language}"));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("matched").GetBoolean();
    }

    /// <summary>The cells of the row headed <paramref name="key"/> in the table with id <paramref name="table"/>.</summary>
    public static IReadOnlyList<string> Row(string html, string table, string key) => HtmlPage.Parse(html).One("table#" + table).Row(key);
}
