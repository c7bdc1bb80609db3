using System.Net;
using Waymark.Accounts;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>A console user signing in over HTTP as a browser would: password, then the TOTP code computed here.</summary>
internal sealed class ConsoleSession : IDisposable
{
    private ConsoleSession(Uri consoleUrl)
    {
        ConsoleUrl = consoleUrl;
        Client = new HttpClient(new PacedHandler(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })) { BaseAddress = consoleUrl };
    }

    public Uri ConsoleUrl { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The TOTP secret learnt at enrolment.</summary>
    public string? Secret { get; private set; }

    public static ConsoleSession Anonymous(Uri consoleUrl) => new(consoleUrl);

    /// <summary>Signs in a fresh account (enrolling its second factor); fails the test when any step does.</summary>
    public static async Task<ConsoleSession> SignInNewAsync(Uri consoleUrl, string name, string password)
    {
        var session = new ConsoleSession(consoleUrl);
        using var afterPassword = await session.PostPasswordAsync(name, password);
        Assert.Equal("/console/login/enrol", afterPassword.Headers.Location?.OriginalString);
        var enrol = await session.Client.GetStringAsync("/console/login/enrol");
        session.Secret = SecretFrom(enrol);
        using var done = await session.PostFormAsync("/console/login/enrol", enrol, [new("code", TotpCodes.Compute(session.Secret, DateTimeOffset.UtcNow))]);
        Assert.Equal("/console", done.Headers.Location?.OriginalString);
        return session;
    }

    public async Task<HttpResponseMessage> PostPasswordAsync(string name, string password)
    {
        var form = await Client.GetStringAsync("/console/login");
        return await PostFormAsync("/console/login", form, [new("name", name), new("password", password)]);
    }

    /// <summary>
    /// As a browser: a redirect (what every successful console POST answers) is followed with a GET, whose response is
    /// returned; any other response is returned as it is.
    /// </summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
        {
            return response;
        }

        var location = response.Headers.Location!;
        response.Dispose();
        return await Client.GetAsync(location);
    }

    /// <summary>Posts a form with the anti-forgery token taken from the page that holds the form.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string pageHtml, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", Token(pageHtml))));
        return await Client.PostAsync(path, content);
    }

    /// <summary>The TOTP key as the enrolment page shows it, without the spaces.</summary>
    public static string SecretFrom(string enrolPage) =>
        HtmlPage.Parse(enrolPage).Text("code#secret").Replace(" ", "", StringComparison.Ordinal);

    public static string Token(string html) =>
        HtmlPage.Parse(html).QuerySelector("input[type=hidden][name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page holds no anti-forgery token:\n" + html);

    /// <summary>Sends the request <paramref name="request"/> makes (paced like every request of this session).</summary>
    public Task<HttpResponseMessage> SendPacedAsync(Func<HttpRequestMessage> request) => Client.SendAsync(request());

    public void Dispose() => Client.Dispose();

    /// <summary>
    /// Waits out the console's rate limit (100 requests a second, 429 beyond, refused before the body
    /// is read) so tests that walk hundreds of pages test their feature, not the limiter.
    /// </summary>
    private sealed class PacedHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 100)
                {
                    return response;
                }

                response.Dispose();
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
