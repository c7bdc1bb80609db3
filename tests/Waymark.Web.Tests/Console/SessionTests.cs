using System.Net;
using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Console sessions held on the server, on SQLite and PostgreSQL: signing out ends every copy of the
/// cookie, and the absolute limit counts from sign-in however active the session is (a clock the test moves).
/// </summary>
public sealed class SessionTests
{
    private const string Password = "a long enough test password";

    private static async Task<InProcessServer> StartAsync(DatabaseEngine engine, TimeProvider? time = null)
    {
        var server = new InProcessServer(engine, time);
        await server.InitializeAsync();
        Assert.True((await server.Accounts.AddAsync("ada", ConsoleRole.Editor, Password, "test")).IsSuccess);
        return server;
    }

    /// <summary>The session cookie's value, to replay it from elsewhere as someone who copied it would.</summary>
    private static string CookieOf(ConsoleSession session) =>
        session.Cookies.GetCookies(new Uri(session.ConsoleUrl, "/console"))["waymark-console"]!.Value;

    private static async Task<HttpStatusCode> StatusWithCookieAsync(Uri consoleUrl, string cookie, string path = "/console/editor")
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = consoleUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "waymark-console=" + cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Signing_out_ends_the_session_for_every_copy_of_its_cookie(DatabaseEngine engine)
    {
        var server = await StartAsync(engine);
        try
        {
            using var session = await ConsoleSession.SignInNewAsync(server.ConsoleUrl, "ada", Password);
            var copy = CookieOf(session);
            Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(server.ConsoleUrl, copy));

            var home = await session.Client.GetStringAsync("/console");
            using var signedOut = await session.PostFormAsync("/console/logout", home, []);
            Assert.Equal(ConsoleAuthentication.LoginPath, signedOut.Headers.Location?.OriginalString);

            Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(server.ConsoleUrl, copy)); // the copy is worthless
            Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/console/editor")).StatusCode);
            Assert.Contains(await server.Database.AuditLog.ReadLatestAsync(10), e => e.Actor == "ada" && e.Action == "signed out");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_busy_session_ends_ten_hours_after_sign_in_and_an_idle_one_after_twenty_minutes(DatabaseEngine engine)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var server = await StartAsync(engine, clock);
        try
        {
            var signedIn = clock.Now;
            using var busy = await ConsoleSession.SignInNewAsync(server.ConsoleUrl, "ada", Password);

            // A request every nine minutes: each renews the cookie (sliding), none moves the sign-in time.
            while (clock.Now + TimeSpan.FromMinutes(9) < signedIn + ConsoleAuthentication.AbsoluteTimeout)
            {
                clock.Now += TimeSpan.FromMinutes(9);
                using var page = await busy.Client.GetAsync("/console/editor");
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{clock.Now - signedIn} after sign-in: {(int)page.StatusCode}");
            }

            var copy = CookieOf(busy); // the freshest cookie the server handed out
            clock.Now = signedIn + ConsoleAuthentication.AbsoluteTimeout + TimeSpan.FromSeconds(1);
            using var ended = await busy.Client.GetAsync("/console/editor");
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.Equal(ConsoleAuthentication.LoginPath, ended.Headers.Location?.AbsolutePath);
            Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(server.ConsoleUrl, copy));

            // Idle: twenty minutes without a request end a fresh session, on the server as in the cookie.
            using var idle = ConsoleSession.Anonymous(server.ConsoleUrl);
            using var afterPassword = await idle.PostPasswordAsync("ada", Password);
            var codePage = await idle.Client.GetStringAsync("/console/login/code");
            using var again = await idle.PostFormAsync("/console/login/code", codePage, [new("code", TotpCodes.Compute(busy.Secret!, clock.Now))]);
            Assert.Equal("/console", again.Headers.Location?.OriginalString);
            clock.Now += TimeSpan.FromMinutes(19);
            Assert.Equal(HttpStatusCode.OK, (await idle.Client.GetAsync("/console/editor")).StatusCode);
            clock.Now += ConsoleAuthentication.IdleTimeout;
            Assert.Equal(HttpStatusCode.Redirect, (await idle.Client.GetAsync("/console/editor")).StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
