using System.Net;
using Waymark.Accounts;
using Waymark.Testing;
using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>The sign-in over real HTTP: lockout, replayed codes, anti-forgery, sessions ending.</summary>
public sealed class LoginTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    private async Task<string> NewAccountAsync(string name, ConsoleRole role = ConsoleRole.Analyst)
    {
        Assert.True((await staff.Server.Accounts.AddAsync(name, role, StaffFixture.Password, "test")).IsSuccess);
        return name;
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_fails_too()
    {
        var name = await NewAccountAsync("lockme");
        using var session = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        for (var i = 0; i < ConsoleAccounts.MaxFailures; i++)
        {
            using var wrong = await session.PostPasswordAsync(name, "not the password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await session.PostPasswordAsync(name, StaffFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.True(HtmlPage.Parse(await right.Content.ReadAsStringAsync()).Has("#login-error.error"));
        Assert.Contains((await staff.Server.Database.AuditLog.ReadLatestAsync(50)), e => e.Actor == name && e.Action == "account locked");

        var other = await NewAccountAsync("notlocked");
        using var fine = await session.PostPasswordAsync(other, StaffFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_fails_exactly_like_a_wrong_password()
    {
        using var session = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var unknown = await session.PostPasswordAsync("nobody-here", StaffFixture.Password);
        var known = await NewAccountAsync("known");
        using var wrong = await session.PostPasswordAsync(known, "wrong wrong wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(
            (await wrong.Content.ReadAsStringAsync()).Replace("known", "", StringComparison.Ordinal),
            (await unknown.Content.ReadAsStringAsync()).Replace("nobody-here", "", StringComparison.Ordinal)
                .Replace(ConsoleSession.Token(await unknown.Content.ReadAsStringAsync()), ConsoleSession.Token(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_already_used_is_refused_at_the_next_login()
    {
        var name = await NewAccountAsync("replay");
        using var first = await ConsoleSession.SignInNewAsync(staff.Server.ConsoleUrl, name, StaffFixture.Password);
        var usedCode = TotpCodes.Compute(first.Secret!, DateTimeOffset.UtcNow);

        using var second = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var afterPassword = await second.PostPasswordAsync(name, StaffFixture.Password);
        Assert.Equal("/console/login/code", afterPassword.Headers.Location?.OriginalString);
        var codePage = await second.Client.GetStringAsync("/console/login/code");
        using var replayed = await second.PostFormAsync("/console/login/code", codePage, [new("code", usedCode)]);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.True(HtmlPage.Parse(await replayed.Content.ReadAsStringAsync()).Has("#code-error.error"));
        using var home = await second.Client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Every_pending_sign_in_is_offered_its_own_key_shown_once_and_only_the_latest_offer_confirms()
    {
        var name = await NewAccountAsync("twice");
        using var owner = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var other = ConsoleSession.Anonymous(staff.Server.ConsoleUrl); // someone else who knows the password
        using var ownerStep = await owner.PostPasswordAsync(name, StaffFixture.Password);
        using var otherStep = await other.PostPasswordAsync(name, StaffFixture.Password);
        var otherPage = await other.Client.GetStringAsync("/console/login/enrol");
        var ownerPage = await owner.Client.GetStringAsync("/console/login/enrol");
        var otherSecret = ConsoleSession.SecretFrom(otherPage);
        var ownerSecret = ConsoleSession.SecretFrom(ownerPage);
        Assert.Equal(32, ownerSecret.Length);
        Assert.NotEqual(otherSecret, ownerSecret);
        string Code(string secret) => TotpCodes.Compute(secret, DateTimeOffset.UtcNow);

        // The key offered to the other sign-in confirms nowhere: it was replaced, and it was never the owner's.
        using var otherTry = await other.PostFormAsync("/console/login/enrol", otherPage, [new("code", Code(otherSecret))]);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTry.StatusCode);
        var failed = HtmlPage.Parse(await otherTry.Content.ReadAsStringAsync());
        Assert.True(failed.Has("#code-error.error"));
        Assert.False(failed.Has("#secret")); // a key is shown once, never again after a failure
        Assert.False(failed.Has("svg")); // nor its QR code
        using var mixed = await owner.PostFormAsync("/console/login/enrol", ownerPage, [new("code", Code(otherSecret))]);
        Assert.Equal(HttpStatusCode.Unauthorized, mixed.StatusCode);

        // Opening the page again offers a new key and retires the one shown before.
        var againPage = await owner.Client.GetStringAsync("/console/login/enrol");
        var newSecret = ConsoleSession.SecretFrom(againPage);
        Assert.NotEqual(ownerSecret, newSecret);
        using var stale = await owner.PostFormAsync("/console/login/enrol", againPage, [new("code", Code(ownerSecret))]);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var done = await owner.PostFormAsync("/console/login/enrol", againPage, [new("code", Code(newSecret))]);
        Assert.Equal("/console", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/console/analyst")).StatusCode);

        // The other sign-in, still pending, can no longer be offered a key: the account is enrolled.
        using var late = await other.Client.GetAsync("/console/login/enrol");
        Assert.Equal(ConsoleAuthentication.LoginPath, late.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_code_page_without_the_password_step_goes_back_to_the_login()
    {
        using var session = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        foreach (var path in new[] { "/console/login/code", "/console/login/enrol" })
        {
            using var response = await session.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(ConsoleAuthentication.LoginPath, response.Headers.Location?.OriginalString);
        }

        using var qr = await session.Client.GetAsync("/console/login/qr");
        Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
    }

    [Fact]
    public async Task A_form_without_its_anti_forgery_token_is_refused_with_400()
    {
        var admin = staff.SessionOf(ConsoleRole.Admin);
        foreach (var (client, path) in new[] { (ConsoleSession.Anonymous(staff.Server.ConsoleUrl).Client, "/console/login"), (admin.Client, "/console/users?handler=Add"), (admin.Client, "/console/logout") })
        {
            using var content = new FormUrlEncodedContent([new("name", "x"), new("password", "y"), new("role", "editor")]);
            using var response = await client.PostAsync(path, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        }

        Assert.Equal(200, (int)(await admin.Client.GetAsync("/console/users")).StatusCode); // still signed in
    }

    [Fact]
    public async Task The_session_cookie_is_httponly_strict_and_scoped_to_the_console()
    {
        var name = await NewAccountAsync("cookies");
        using var session = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var afterPassword = await session.PostPasswordAsync(name, StaffFixture.Password);
        var enrol = await session.Client.GetStringAsync("/console/login/enrol");
        var secret = ConsoleSession.SecretFrom(enrol);
        using var done = await session.PostFormAsync("/console/login/enrol", enrol, [new("code", TotpCodes.Compute(secret, DateTimeOffset.UtcNow))]);
        var setCookie = string.Join("\n", done.Headers.GetValues("Set-Cookie"));
        var sessionCookie = setCookie.Split('\n').Single(c => c.StartsWith("waymark-console=", StringComparison.Ordinal));
        Assert.Contains("path=/console", sessionCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", sessionCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", sessionCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", sessionCookie.Replace("expires=Thu, 01 Jan 1970", "", StringComparison.Ordinal), StringComparison.Ordinal); // a browser-session cookie
        Assert.Contains(setCookie.Split('\n'), c => c.StartsWith("waymark-console-2fa=;", StringComparison.Ordinal)); // the pending step is cleared
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_at_once_and_is_audited()
    {
        var name = await NewAccountAsync("leaving", ConsoleRole.Editor);
        using var session = await ConsoleSession.SignInNewAsync(staff.Server.ConsoleUrl, name, StaffFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/console/editor")).StatusCode);

        var admin = staff.SessionOf(ConsoleRole.Admin);
        var users = await admin.Client.GetStringAsync("/console/users");
        using var disabled = await admin.PostFormAsync("/console/users?handler=Disable", users, [new("account", name)]);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode); // redirect after POST
        Assert.Equal("/console/users", disabled.Headers.Location?.OriginalString);
        Assert.Contains(name, HtmlPage.Parse(await admin.Client.GetStringAsync("/console/users")).Text("#message[role=status]"), StringComparison.Ordinal);

        using var after = await session.Client.GetAsync("/console/editor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        var audit = await admin.Client.GetStringAsync("/console/audit");
        Assert.Contains("account disabled", audit, StringComparison.Ordinal);

        // Enabling it and resetting its second factor redirect back to the accounts page too, each said once.
        foreach (var (handler, said) in new[] { ("Enable", "account enabled: " + name), ("ResetTotp", name) })
        {
            using var done = await admin.PostFormAsync($"/console/users?handler={handler}", await admin.Client.GetStringAsync("/console/users"), [new("account", name)]);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal("/console/users", done.Headers.Location?.OriginalString);
            Assert.Contains(said, HtmlPage.Parse(await admin.Client.GetStringAsync("/console/users")).Text("#message[role=status]"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_adds_an_analyst_in_the_console_but_never_an_admin()
    {
        var admin = staff.SessionOf(ConsoleRole.Admin);
        var users = await admin.Client.GetStringAsync("/console/users");
        using var refused = await admin.PostFormAsync("/console/users?handler=Add", users, [new("name", "second-admin"), new("roles", "admin")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain((await staff.Server.Accounts.ListAsync()), a => a.Name == "second-admin");

        using var refusedToo = await admin.PostFormAsync("/console/users?handler=Add", users, [new("name", "second-admin"), new("roles", "editor"), new("roles", "admin")]);
        Assert.Equal(HttpStatusCode.BadRequest, refusedToo.StatusCode);
        Assert.DoesNotContain((await staff.Server.Accounts.ListAsync()), a => a.Name == "second-admin");

        using var added = await admin.PostFormAsync("/console/users?handler=Add", users, [new("name", "new-analyst"), new("roles", "analyst")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode); // redirect after POST: a reload never adds it again
        Assert.Equal("/console/users", added.Headers.Location?.OriginalString);
        // The one-time password crosses the redirect in the console's notice cookie: encrypted, HttpOnly, SameSite=Strict, /console only.
        var notice = added.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ConsoleNotice.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/console", notice, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", notice, StringComparison.Ordinal);
        Assert.Contains("httponly", notice, StringComparison.Ordinal);
        var html = await admin.Client.GetStringAsync("/console/users");
        var password = HtmlPage.Parse(html).Text("#new-password code");
        Assert.Equal(20, password.Length);
        Assert.DoesNotContain(password.ToLowerInvariant(), notice, StringComparison.Ordinal);
        Assert.Contains("awaiting its own password", html, StringComparison.Ordinal);
        var reload = await admin.Client.GetStringAsync("/console/users");
        Assert.DoesNotContain("new-password", reload, StringComparison.Ordinal); // shown once
        Assert.DoesNotContain(password, reload, StringComparison.Ordinal);

        // The password the admin saw only lets its holder choose their own, before any second factor.
        using var holder = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var first = await holder.PostPasswordAsync("new-analyst", password);
        Assert.Equal("/console/login/password", first.Headers.Location?.OriginalString);
        using var noKeyYet = await holder.Client.GetAsync("/console/login/enrol");
        Assert.Equal(ConsoleAuthentication.LoginPath, noKeyYet.Headers.Location?.OriginalString); // no second factor before the password is replaced
        var choose = await holder.Client.GetStringAsync("/console/login/password");
        const string own = "a password only the analyst knows";
        foreach (var (newPassword, repeat, reason) in new[] { (password, password, "other than the one you were given"), (own, own + "x", "differ"), ("short", "short", "12 to 256") })
        {
            using var refusedChoice = await holder.PostFormAsync("/console/login/password", choose, [new("newPassword", newPassword), new("repeatPassword", repeat)]);
            Assert.Equal(HttpStatusCode.BadRequest, refusedChoice.StatusCode);
            Assert.Contains(reason, await refusedChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var chosen = await holder.PostFormAsync("/console/login/password", choose, [new("newPassword", own), new("repeatPassword", own)]);
        Assert.Equal("/console/login/enrol", chosen.Headers.Location?.OriginalString);

        // From now on the admin's copy is worthless; the holder's own password leads to enrolment.
        using var adminTries = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var stale = await adminTries.PostPasswordAsync("new-analyst", password);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var analyst = await ConsoleSession.SignInNewAsync(staff.Server.ConsoleUrl, "new-analyst", own);
        Assert.Equal(HttpStatusCode.OK, (await analyst.Client.GetAsync("/console/analyst")).StatusCode);
        var audit = await staff.Server.Database.AuditLog.ReadLatestAsync(20);
        Assert.Contains(audit, e => e.Actor == "new-analyst" && e.Action == "password chosen at first sign-in");
        Assert.DoesNotContain("awaiting its own password", await admin.Client.GetStringAsync("/console/users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_an_accounts_roles_ends_its_sessions_and_the_next_sign_in_carries_them_all()
    {
        var name = await NewAccountAsync("growing", ConsoleRole.Editor);
        using var session = await ConsoleSession.SignInNewAsync(staff.Server.ConsoleUrl, name, StaffFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/console/editor")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.GetAsync("/console/analyst")).StatusCode);

        var admin = staff.SessionOf(ConsoleRole.Admin);
        var users = await admin.Client.GetStringAsync("/console/users");
        using var toAdmin = await admin.PostFormAsync("/console/users?handler=Roles", users, [new("account", name), new("roles", "editor"), new("roles", "admin")]);
        Assert.Equal(HttpStatusCode.BadRequest, toAdmin.StatusCode); // the admin role is given on the server only
        using var changed = await admin.FollowAsync(await admin.PostFormAsync("/console/users?handler=Roles", users, [new("account", name), new("roles", "editor"), new("roles", "analyst")]));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("/console/users", changed.RequestMessage!.RequestUri!.AbsolutePath); // redirected after the POST
        var account = HtmlPage.Parse(await changed.Content.ReadAsStringAsync()).QuerySelectorAll("tr").Single(row => row.QuerySelector("td")?.TextContent == name);
        Assert.Equal("editor, analyst", account.Text("td.roles"));

        using var ended = await session.Client.GetAsync("/console/editor");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode); // the old cookie no longer works

        using var again = ConsoleSession.Anonymous(staff.Server.ConsoleUrl);
        using var afterPassword = await again.PostPasswordAsync(name, StaffFixture.Password);
        Assert.Equal("/console/login/code", afterPassword.Headers.Location?.OriginalString);
        var codePage = await again.Client.GetStringAsync("/console/login/code");
        using var signedIn = await again.PostFormAsync("/console/login/code", codePage, [new("code", TotpCodes.Compute(session.Secret!, DateTimeOffset.UtcNow.AddSeconds(30)))]);
        Assert.Equal("/console", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/console/editor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/console/analyst")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.Client.GetAsync("/console/users")).StatusCode);
        Assert.Contains("(analyst, editor)", await again.Client.GetStringAsync("/console"), StringComparison.Ordinal);
        Assert.Contains("roles changed", await admin.Client.GetStringAsync("/console/audit"), StringComparison.Ordinal);
    }
}
