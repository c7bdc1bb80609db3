using System.Text;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// A visitor's address, agent, referrer and query must leave no trace anywhere the server writes,
/// even with every log category turned up to Trace by configuration.
/// </summary>
public sealed class PrivacyLoggingTests
{
    private const string Agent = "DistinctiveAgent/9.7 (marker-ua-4711)";
    private const string ForwardedFor = "203.0.113.77";
    private const string Referrer = "http://marker-referrer-4711.example/";
    private const string QueryValue = "marker-query-4711";
    private const string FormValue = "marker-form-4711";

    [Fact]
    public async Task Requests_leave_no_trace_in_logs_or_database()
    {
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            // More specific and provider-specific rules outrank a filter for a parent category.
            ["Logging__LogLevel__Microsoft.AspNetCore.Http.Result"] = "Trace",
            ["Logging__Console__LogLevel__Default"] = "Trace",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Routing"] = "Trace",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Mvc"] = "Trace",
        };
        await using var server = await ServerProcess.StartAsync(environment);
        using var http = new HttpClient();
        foreach (var path in new[] { "/en/", "/ar/privacy", "/en/languages", "/languages", "/no-such-page", "/console" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.PublicUrl, $"{path}?q={QueryValue}&search={QueryValue}"));
            request.Headers.TryAddWithoutValidation("User-Agent", Agent);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", ForwardedFor);
            request.Headers.TryAddWithoutValidation("Referer", Referrer);
            using var response = await http.SendAsync(request);
        }

        using (var post = new HttpRequestMessage(HttpMethod.Post, new Uri(server.PublicUrl, "/en/privacy")))
        {
            post.Headers.TryAddWithoutValidation("User-Agent", Agent);
            post.Content = new FormUrlEncodedContent([new("answer", FormValue)]);
            using var response = await http.SendAsync(post);
        }

        await server.StopAsync();

        var output = server.Output;
        Assert.Contains("Now listening", output, StringComparison.Ordinal); // the log was captured at all
        var stored = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            stored.Append(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        }

        Assert.True(stored.Length > 0, "the database files were found");
        foreach (var marker in new[] { "marker-ua-4711", ForwardedFor, "marker-referrer-4711", QueryValue, FormValue })
        {
            Assert.DoesNotContain(marker, output, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, stored.ToString(), StringComparison.Ordinal);
        }

        // No line per public request: no page named, not even a redirect's target or a route.
        foreach (var page in new[] { "/en/languages", "/ar/privacy", "/no-such-page", "Privacy/Index", "{lang:lang}" })
        {
            Assert.DoesNotContain(page, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Page_views_are_stored_as_daily_totals_only()
    {
        await using var server = await ServerProcess.StartAsync();
        using var http = new HttpClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.GetAsync(new Uri(server.PublicUrl, "/ar/privacy"));
        }

        await server.StopAsync();
        await using var database = await Storage.WaymarkDatabase.OpenAsync(new Storage.StorageSettings { DataDirectory = server.DataDirectory });
        var views = await database.Counters.ReadByPrefixAsync("page:");
        var privacy = Assert.Single(views, v => v.Dimension == "ar");
        Assert.Equal(3, privacy.Count);
        Assert.Equal("page:/Privacy/Index", privacy.Name);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), privacy.Day);
    }
}
