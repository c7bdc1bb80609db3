using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Waymark.Accounts;
using Waymark.Testing;
using Waymark.Web.Accounts;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Every console route, as the app's own endpoint table lists them (not a fixed list), refuses the
/// anonymous and every account lacking its role (whatever other roles it holds); the public listener never answers them; every public route
/// carries the privacy headers. The checks run on SQLite (<see cref="ConsoleRouteTests"/>) and on
/// PostgreSQL (<see cref="ConsoleRouteTestsOnPostgres"/>): sessions and roles are read from the database.
/// </summary>
public abstract class ConsoleRouteChecks(StaffFixture staff)
{
    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Post];

    private IEnumerable<RouteEndpoint> ConsoleEndpoints =>
        staff.Server.Endpoints.Where(e => InProcessServer.Serves(e, Listener.Console) && !InProcessServer.Serves(e, Listener.Public));

    private static bool AllowsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    /// <summary>The roles of which an account must hold one (one role, or a shared folder's several), or null for any signed-in account.</summary>
    private static ConsoleRole[]? RequiredRoles(RouteEndpoint endpoint)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        var single = Enum.GetValues<ConsoleRole>().Where(r => policies.Contains(ConsoleAuthentication.PolicyName(r))).ToArray();
        return single.Length > 0 ? single
            : ConsoleAuthentication.SharedFolderRoles.Values.FirstOrDefault(roles => policies.Contains(ConsoleAuthentication.PolicyName(roles)));
    }

    private static ConsoleRole? RequiredRole(RouteEndpoint endpoint) => RequiredRoles(endpoint) is [var only] ? only : null;

    [Fact]
    public void The_endpoint_table_holds_the_console_pages_and_only_the_login_pages_are_open()
    {
        var paths = ConsoleEndpoints.Select(InProcessServer.PathFor).ToList();
        Assert.Contains("/console", paths);
        Assert.Contains("/console/users", paths);
        Assert.Contains("/console/audit", paths);
        Assert.Contains("/console/login", paths);

        var open = ConsoleEndpoints.Where(AllowsAnonymous).Select(InProcessServer.PathFor).ToList();
        Assert.All(open, path => Assert.StartsWith("/console/login", path, StringComparison.Ordinal));
        Assert.All(ConsoleEndpoints.Where(e => !AllowsAnonymous(e)), endpoint =>
            Assert.NotEmpty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()));
    }

    /// <summary>
    /// The policy every console page must carry, from its folder alone: a page added later (a test preview, a new
    /// export) is checked without any list here naming it.
    /// </summary>
    [Fact]
    public void Every_console_page_carries_the_policy_of_its_folder()
    {
        var pages = ConsoleEndpoints.Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>())).ToList();
        Assert.All(pages, p => Assert.NotNull(p.Page));
        Assert.True(pages.Count >= 30, $"only {pages.Count} console pages found");
        foreach (var (endpoint, page) in pages)
        {
            var path = page!.ViewEnginePath;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
            string? expected = ConsoleAuthentication.FolderRoles.FirstOrDefault(f => InFolder(path, f.Key)) is { Key: not null } single
                ? ConsoleAuthentication.PolicyName(single.Value)
                : ConsoleAuthentication.SharedFolderRoles.FirstOrDefault(f => InFolder(path, f.Key)) is { Key: not null } shared
                    ? ConsoleAuthentication.PolicyName(shared.Value)
                    : null;
            if (InFolder(path, "/Console/Login"))
            {
                Assert.True(AllowsAnonymous(endpoint), $"{path} is a sign-in step and must be open");
            }
            else if (expected is null)
            {
                Assert.False(AllowsAnonymous(endpoint), $"{path} is open to the anonymous");
                Assert.True(policies.Any(string.IsNullOrEmpty), $"{path} lacks the default policy (any signed-in account)");
            }
            else
            {
                Assert.False(AllowsAnonymous(endpoint), $"{path} is open to the anonymous");
                Assert.True(policies.Contains(expected), $"{path} lacks the policy {expected}: [{string.Join(", ", policies)}]");
            }
        }

        static bool InFolder(string page, string folder) => page.StartsWith(folder + "/", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_protected_console_route_sends_the_anonymous_to_the_login()
    {
        using var anonymous = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        var checkedRoutes = 0;
        foreach (var endpoint in ConsoleEndpoints.Where(e => !AllowsAnonymous(e)))
        {
            foreach (var method in Methods)
            {
                var path = InProcessServer.PathFor(endpoint);
                using var response = await anonymous.SendPacedAsync(() => new HttpRequestMessage(method, path));
                Assert.True(
                    response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == ConsoleAuthentication.LoginPath),
                    $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes >= 10, $"only {checkedRoutes} requests checked");
    }

    [Fact]
    public async Task Every_role_route_refuses_every_account_lacking_its_role_and_admits_every_account_holding_it()
    {
        var roleRoutes = ConsoleEndpoints.Where(e => RequiredRoles(e) is not null).ToList();
        Assert.Contains(roleRoutes, e => RequiredRole(e) == ConsoleRole.Admin);
        Assert.Contains(roleRoutes, e => RequiredRole(e) == ConsoleRole.Editor);
        Assert.Contains(roleRoutes, e => RequiredRole(e) == ConsoleRole.Analyst);
        // A shared folder's page (key changes: analyst or admin) is in the matrix too.
        Assert.Contains(roleRoutes, e => InProcessServer.PathFor(e) == "/console/keychanges" && RequiredRoles(e)!.Length == 2);
        var sessions = staff.Sessions.ToList();
        Assert.Equal(7, sessions.Count); // every non-empty set of the three roles
        var (admitted, refused) = (0, 0);
        var (expectedAdmitted, expectedRefused) = (0, 0);
        foreach (var endpoint in roleRoutes)
        {
            var path = InProcessServer.PathFor(endpoint);
            var required = RequiredRoles(endpoint)!;
            foreach (var (roles, session) in sessions)
            {
                var who = string.Join('+', roles.Select(r => r.Name()));
                var holds = roles.Any(required.Contains);
                (expectedAdmitted, expectedRefused) = holds ? (expectedAdmitted + Methods.Length, expectedRefused) : (expectedAdmitted, expectedRefused + Methods.Length);
                foreach (var method in Methods)
                {
                    using var response = await session.SendPacedAsync(() => new HttpRequestMessage(method, path));
                    if (holds)
                    {
                        // An account holding the role gets past authorization (a POST without its token then fails anti-forgery).
                        Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect),
                            $"{who} {method} {path}: {(int)response.StatusCode}");
                        admitted++;
                    }
                    else
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} {method} {path}: {(int)response.StatusCode}, expected 403");
                        refused++;
                    }
                }
            }
        }

        // A one-role route is tried by the four sets that hold its role and the three that lack it; analyst-or-admin by six and one.
        var shared = roleRoutes.Count(e => RequiredRole(e) is null);
        Assert.Equal((expectedAdmitted, expectedRefused), (admitted, refused));
        Assert.Equal((((roleRoutes.Count - shared) * 4) + (shared * 6)) * Methods.Length, admitted);
    }

    [Fact]
    public async Task The_public_listener_answers_no_console_path_even_with_a_valid_session_cookie()
    {
        var admin = staff.SessionOf(ConsoleRole.Admin);
        var cookieHeader = admin.Cookies.GetCookieHeader(new Uri(staff.Server.ConsoleUrl, "/console"));
        Assert.Contains("waymark-console=", cookieHeader, StringComparison.Ordinal);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        foreach (var endpoint in ConsoleEndpoints)
        {
            foreach (var method in Methods)
            {
                using var request = new HttpRequestMessage(method, new Uri(staff.Server.PublicUrl, InProcessServer.PathFor(endpoint)));
                request.Headers.Add("Cookie", cookieHeader);
                using var response = await http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"public {method} {InProcessServer.PathFor(endpoint)}: {(int)response.StatusCode}");
                Assert.False(response.Headers.Contains("Set-Cookie"), $"the public listener set a cookie on {method} {InProcessServer.PathFor(endpoint)}: {(response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set) : "")}");
            }
        }
    }

    [Fact]
    public async Task Every_public_route_carries_the_privacy_headers()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var publicRoutes = staff.Server.Endpoints.Where(e => InProcessServer.Serves(e, Listener.Public)).ToList();
        Assert.True(publicRoutes.Count >= 4, $"only {publicRoutes.Count} public routes found");
        var problems = new List<string>();
        foreach (var endpoint in publicRoutes)
        {
            foreach (var method in Methods)
            {
                using var request = new HttpRequestMessage(method, new Uri(staff.Server.PublicUrl, InProcessServer.PathFor(endpoint)));
                using var response = await http.SendAsync(request);
                problems.AddRange(PageChecker.CheckHeaders(response).Select(p => $"{method} {InProcessServer.PathFor(endpoint)} ({(int)response.StatusCode}): {p}"));
                Assert.True((int)response.StatusCode < 500, $"{method} {InProcessServer.PathFor(endpoint)}: {(int)response.StatusCode}");
            }
        }

        PageChecker.AssertClean(problems);
    }

    [Fact]
    public async Task Every_console_page_carries_the_privacy_headers_too()
    {
        // The account holding every role reaches every page; each answer (200, 400, 404 for the made-up ids) carries the headers.
        var everyone = staff.Sessions.Single(s => s.Roles.Count == Enum.GetValues<ConsoleRole>().Length).Session;
        var problems = new List<string>();
        foreach (var path in ConsoleEndpoints.Select(InProcessServer.PathFor).Distinct())
        {
            using var response = await everyone.SendPacedAsync(() => new HttpRequestMessage(HttpMethod.Get, path));
            problems.AddRange(PageChecker.CheckHeaders(response).Select(p => $"GET {path} ({(int)response.StatusCode}): {p}"));
            Assert.True((int)response.StatusCode < 500, $"GET {path}: {(int)response.StatusCode}");
        }

        using var users = await everyone.SendPacedAsync(() => new HttpRequestMessage(HttpMethod.Get, "/console/users"));
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        PageChecker.AssertClean(problems);
    }
}

public sealed class ConsoleRouteTests(StaffFixture staff) : ConsoleRouteChecks(staff), IClassFixture<StaffFixture>;

public sealed class ConsoleRouteTestsOnPostgres(PostgresStaffFixture staff) : ConsoleRouteChecks(staff), IClassFixture<PostgresStaffFixture>;
