using Microsoft.Playwright;
using Waymark.Accounts;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The real <c>waymark</c>: an admin made with <c>waymark users add</c>, signing in with Chromium
/// with JavaScript off (password, then enrolment with a code computed here), every console page
/// passing the page checker, signing out.
/// </summary>
public sealed class ConsoleBrowserTests(PageChecker checker) : IClassFixture<PageChecker>, IAsyncLifetime
{
    private const string Password = "browser test password";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    [Fact]
    public async Task An_admin_made_on_the_command_line_signs_in_without_javascript_and_every_page_is_clean()
    {
        var added = await _server.RunCliAsync(Password, "users", "add", "ada", "--role", "admin", "--password-stdin");
        Assert.True(added.Code == 0, added.Error);
        var refused = await _server.RunCliAsync(null, "users", "add", "bo", "--role", "editor");
        Assert.Equal(2, refused.Code);
        Assert.Contains("--password-stdin or --generate-password", refused.Error, StringComparison.Ordinal);

        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/users").ToString());
        Assert.Equal("/console/login", new Uri(page.Url).AbsolutePath);
        await CheckAsync(problems, page);

        await page.GetByLabel("Account name").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("/console/login/enrol", new Uri(page.Url).AbsolutePath);
        await CheckAsync(problems, page);
        var secret = (await page.Locator("#secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var modules = HtmlPage.Parse(TotpCodes.QrSvg(TotpCodes.EnrolmentUri(secret, "ada"))).One("svg path").GetAttribute("d");
        Assert.Equal(modules, await page.Locator("#qr path").GetAttributeAsync("d")); // the QR code of the key shown, in the page itself
        Assert.True(await page.Locator("#qr svg").IsVisibleAsync());
        var qr = await context.APIRequest.GetAsync(new Uri(_server.ConsoleUrl, "/console/login/qr").ToString());
        Assert.Equal(404, qr.Status); // no second request that could show the key again

        await page.GetByLabel("Six-digit code").FillAsync(TotpCodes.Compute(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
        Assert.Equal("ada", await page.Locator("#who").InnerTextAsync());
        await CheckAsync(problems, page);

        foreach (var link in new[] { "Accounts", "Audit log" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await CheckAsync(problems, page);
        }

        Assert.Contains("signed in", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The key changes waiting for approval (an admin or analyst page, reached by address).
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/keychanges").ToString());
        Assert.Equal("/console/keychanges", new Uri(page.Url).AbsolutePath);
        await CheckAsync(problems, page);
        var cookies = await context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "waymark-console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        Assert.Equal("/console/login", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console").ToString());
        Assert.Equal("/console/login", new Uri(page.Url).AbsolutePath);
        PageChecker.AssertClean(problems);

        var list = await _server.RunCliAsync(null, "users", "list");
        Assert.Equal("ada\tadmin\ttotp\tactive", list.Output.Trim());
    }
}
