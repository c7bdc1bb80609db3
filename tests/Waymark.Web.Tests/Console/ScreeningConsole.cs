using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Waymark.Web.Tests.Console;

/// <summary>What an editor does on the console's screening pages, over HTTP with the page's anti-forgery token.</summary>
internal static partial class ScreeningConsole
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

    /// <summary>The id of an uploaded list, from the hidden field of its buttons on the page.</summary>
    public static string IdOf(string html, string listName) =>
        ListId().Matches(html).First(m => m.Groups[2].Value == listName).Groups[1].Value;

    /// <summary>Whether the public API warns for <paramref name="query"/>.</summary>
    public static async Task<bool> MatchesAsync(HttpClient http, Uri publicUrl, string query, string language = "en")
    {
        var json = await http.GetStringAsync(new Uri(publicUrl, $"/api/screen?q={Uri.EscapeDataString(query)}&lang={language}"));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("matched").GetBoolean();
    }

    /// <summary>The cells of the row headed <paramref name="key"/> in the table with id <paramref name="table"/>.</summary>
    public static IReadOnlyList<string> Row(string html, string table, string key)
    {
        var start = html.IndexOf($"<table id=\"{table}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {table}");
        var body = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        var row = RowOf().Matches(body).FirstOrDefault(m => m.Groups[1].Value == key);
        Assert.True(row is not null, $"no row {key} in {table}:\n{body}");
        return Cell().Matches(row.Groups[2].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"id\" value=\"(\\d+)\">\\s*<button type=\"submit\">(?:Deactivate|Activate) ([^<]+)</button>")]
    private static partial Regex ListId();

    [GeneratedRegex("<tr>\\s*<th scope=\"row\">([^<]*)</th>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowOf();

    [GeneratedRegex("<td>([^<]*)</td>")]
    private static partial Regex Cell();
}
