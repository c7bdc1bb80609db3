using System.Net;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Someone who can read the database (a copy, a backup, a misconfigured mode) and nothing else must
/// not get the console: the key ring that signs console sessions is stored encrypted under a key
/// derived from secrets.key, which never enters the database.
/// </summary>
public sealed class KeyRingAtRestTests
{
    private const string Password = "a long enough test password";

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_console_session_cannot_be_forged_from_a_copy_of_the_database(DatabaseEngine engine)
    {
        await using var server = new InProcessServer(engine);
        await server.InitializeAsync();
        Assert.True((await server.Accounts.AddAsync("root", [ConsoleRole.Admin], Password, "test")).IsSuccess);
        using (var signedIn = await ConsoleSession.SignInNewAsync(server.ConsoleUrl, "root", Password))
        {
            // The server has made and stored its key ring by now.
            using var users = await signedIn.Client.GetAsync("/console/users");
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }

        // What the database holds: the ring's rows and the account (id, roles, session version).
        var rows = server.Database.ProtectionKeys.ReadAllNamed();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.DoesNotContain("<", row.Xml, StringComparison.Ordinal));
        var root = (await server.Database.Users.FindByNameAsync("root"))!;
        const string sessionId = "a session the forger somehow knows";
        await server.Database.ConsoleSessions.AddAsync(sessionId, root.Id, DateTimeOffset.UtcNow); // so that only the ring is tested

        // The forgery works with the server's real ring (so the method is sound) ...
        Assert.Equal(HttpStatusCode.OK, await UsersPageStatusAsync(server, ForgeCookie(server.Services.GetRequiredService<IDataProtectionProvider>(), root, sessionId)));

        // ... and fails with every key the database copy gives away.
        await using var copied = RingFrom(rows);
        Assert.NotEqual(HttpStatusCode.OK, await UsersPageStatusAsync(server, ForgeCookie(copied.GetRequiredService<IDataProtectionProvider>(), root, sessionId)));
    }

    /// <summary>A data-protection provider that trusts every row of the copy that reads as a key, and writes nothing back.</summary>
    private static ServiceProvider RingFrom(IReadOnlyList<(string Name, string Xml)> rows)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("waymark");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new CopiedRows(rows));
        return services.BuildServiceProvider();
    }

    private static string ForgeCookie(IDataProtectionProvider provider, StoredUser user, string sessionId)
    {
        var protector = provider.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", ConsoleAuthentication.SessionScheme, "v2");
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(
            ConsoleAuthentication.SessionPrincipal(user, sessionId),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + TimeSpan.FromMinutes(10) },
            ConsoleAuthentication.SessionScheme);
        return new TicketDataFormat(protector).Protect(ticket);
    }

    private static async Task<HttpStatusCode> UsersPageStatusAsync(InProcessServer server, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.ConsoleUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/users");
        request.Headers.Add("Cookie", "waymark-console=" + cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private sealed class CopiedRows(IReadOnlyList<(string Name, string Xml)> rows) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            var elements = new List<XElement>();
            foreach (var (_, xml) in rows)
            {
                try
                {
                    elements.Add(XElement.Parse(xml));
                }
                catch (XmlException)
                {
                    // Not a key in clear: nothing to use.
                }
            }

            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
        }
    }
}
