using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Hosting;

namespace Waymark.Web.Accounts;

/// <summary>
/// Console sign-in with cookies, without ASP.NET Core Identity or EF: the password step sets a
/// five-minute cookie that only the second-factor pages read; the code step sets the session cookie.
/// Both cookies are HttpOnly, SameSite=Strict, Secure when the request is HTTPS, scoped to /console,
/// and only the console listener ever reads or writes them (authentication runs on that listener only).
/// </summary>
internal static class ConsoleAuthentication
{
    public const string SessionScheme = "console";
    public const string SecondFactorScheme = "console-2fa";
    public const string SessionVersionClaim = "waymark:session";

    /// <summary>
    /// A random id per sign-in: the server-side session (its SHA-256 is the row in
    /// <c>console_sessions</c>) and what the in-memory key vault is keyed by (docs/adr/0080).
    /// </summary>
    public const string SessionIdClaim = "waymark:sid";
    public const string LoginPath = "/console/login";

    /// <summary>A random id per pending sign-in (between the password and the code): the enrolment key shown is bound to it.</summary>
    public const string PendingLoginClaim = "waymark:pending";

    /// <summary>Idle time after which a session ends (<see cref="SessionPolicy.IdleTimeout"/>).</summary>
    public static readonly TimeSpan IdleTimeout = SessionPolicy.IdleTimeout;

    /// <summary>Longest session, however active (<see cref="SessionPolicy.AbsoluteTimeout"/>).</summary>
    public static readonly TimeSpan AbsoluteTimeout = SessionPolicy.AbsoluteTimeout;

    public static readonly TimeSpan SecondFactorTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Console folders and the role each needs; sections others build land in these folders and are protected by them.</summary>
    public static readonly IReadOnlyDictionary<string, ConsoleRole> FolderRoles = new Dictionary<string, ConsoleRole>(StringComparer.Ordinal)
    {
        ["/Console/Users"] = ConsoleRole.Admin,
        ["/Console/Audit"] = ConsoleRole.Admin,
        ["/Console/Settings"] = ConsoleRole.Admin,
        ["/Console/Editor"] = ConsoleRole.Editor,
        ["/Console/Instruments"] = ConsoleRole.Editor,
        ["/Console/SelfHelp"] = ConsoleRole.Editor,
        ["/Console/Screening"] = ConsoleRole.Editor,
        ["/Console/Analyst"] = ConsoleRole.Analyst,
        ["/Console/Dashboard"] = ConsoleRole.Analyst,
        ["/Console/Responses"] = ConsoleRole.Analyst,
        ["/Console/Analyses"] = ConsoleRole.Analyst,
        ["/Console/Exports"] = ConsoleRole.Analyst,
    };

    /// <summary>
    /// Console folders open to any of several roles: key changes are approved by an analyst (who
    /// holds the research key) or an admin, never by an editor alone.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ConsoleRole[]> SharedFolderRoles = new Dictionary<string, ConsoleRole[]>(StringComparer.Ordinal)
    {
        ["/Console/KeyChanges"] = [ConsoleRole.Analyst, ConsoleRole.Admin],
    };

    public static string PolicyName(ConsoleRole role) => "console-" + role.Name();

    public static string PolicyName(IEnumerable<ConsoleRole> roles) => "console-" + string.Join("-or-", roles.Select(r => r.Name()));

    public static void AddConsoleSecurity(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleAccounts>();
        services.AddSingleton(sp => new Analysis.SealedKeyVault(sp.GetRequiredService<TimeProvider>(), IdleTimeout, AbsoluteTimeout));
        services.AddSingleton<Analysis.ResponseAccess>();
        services.AddAuthentication(SessionScheme)
            .AddCookie(SessionScheme, options =>
            {
                Harden(options, "waymark-console", "/console");
                options.ExpireTimeSpan = IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                options.ReturnUrlParameter = "next";
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            .AddCookie(SecondFactorScheme, options =>
            {
                Harden(options, "waymark-console-2fa", LoginPath);
                options.ExpireTimeSpan = SecondFactorTimeout;
                options.SlidingExpiration = false;
            });
        services.AddOptions<CookieAuthenticationOptions>(SessionScheme).Configure<TimeProvider>((options, time) => options.TimeProvider = time);
        services.AddOptions<CookieAuthenticationOptions>(SecondFactorScheme).Configure<TimeProvider>((options, time) => options.TimeProvider = time);

        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(ConsoleNotice.Harden);
        services.AddAuthorizationBuilder().SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(SessionScheme).RequireAuthenticatedUser().Build());
        foreach (var role in Enum.GetValues<ConsoleRole>())
        {
            services.AddAuthorizationBuilder().AddPolicy(PolicyName(role), policy => policy
                .AddAuthenticationSchemes(SessionScheme).RequireAuthenticatedUser().RequireRole(role.Name()));
        }

        foreach (var roles in SharedFolderRoles.Values)
        {
            services.AddAuthorizationBuilder().AddPolicy(PolicyName(roles), policy => policy
                .AddAuthenticationSchemes(SessionScheme).RequireAuthenticatedUser().RequireRole(roles.Select(r => r.Name())));
        }

        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Console");
            options.Conventions.AllowAnonymousToFolder("/Console/Login");
            foreach (var (folder, role) in FolderRoles)
            {
                options.Conventions.AuthorizeFolder(folder, PolicyName(role));
            }

            foreach (var (folder, roles) in SharedFolderRoles)
            {
                options.Conventions.AuthorizeFolder(folder, PolicyName(roles));
            }
        });
    }

    private static void Harden(CookieAuthenticationOptions options, string name, string path)
    {
        options.Cookie.Name = name;
        options.Cookie.Path = path;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.IsEssential = true;
    }

    /// <summary>The claims of a signed-in session: who, every role the account holds, which session version, which server-side session.</summary>
    public static ClaimsPrincipal SessionPrincipal(Storage.StoredUser user, string sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.Name),
                .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
                new Claim(SessionVersionClaim, user.SessionVersion.ToString(CultureInfo.InvariantCulture)),
                new Claim(SessionIdClaim, sessionId),
            ],
            SessionScheme));

    /// <summary>The roles a session's cookie carries, in ordinal order.</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal principal) =>
        [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)];

    /// <summary>The pending login between the password and the code: the account id and a random id of this sign-in.</summary>
    public static ClaimsPrincipal SecondFactorPrincipal(Storage.StoredUser user) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(PendingLoginClaim, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
            ],
            SecondFactorScheme));

    /// <summary>The random id of this sign-in, or null for a principal without one.</summary>
    public static string? SessionId(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionIdClaim);

    public static long? UserId(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// Every request re-reads the server-side session and the account: a session signed out (on any
    /// node), past its absolute lifetime counted from sign-in, idle too long, of a disabled account
    /// or a reset second factor, or on the wrong listener ends at once, whatever its cookie says.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<ConsoleAccounts>();
        var version = long.TryParse(context.Principal?.FindFirstValue(SessionVersionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var user = UserId(context.Principal) is { } id && context.HttpContext.CurrentListener() == Listener.Console
            ? await accounts.SessionUserAsync(id, version, SessionId(context.Principal), context.HttpContext.RequestAborted).ConfigureAwait(false)
            : null;
        var vault = context.HttpContext.RequestServices.GetRequiredService<Analysis.SealedKeyVault>();

        // Changing roles bumps the session version too; comparing the roles is a second guard.
        if (user is null || !user.Roles.SequenceEqual(RolesOf(context.Principal!), StringComparer.Ordinal))
        {
            // A session that ends (disabled account, reset factor, expiry) takes its unlocked keys with it.
            vault.Wipe(SessionId(context.Principal));
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SessionScheme).ConfigureAwait(false);
            return;
        }

        vault.Touch(SessionId(context.Principal));
    }
}
