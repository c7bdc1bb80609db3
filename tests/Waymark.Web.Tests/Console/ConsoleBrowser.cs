using Microsoft.Playwright;
using Waymark.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>Steps the browser tests share: signing in for the first time without JavaScript.</summary>
internal static class ConsoleBrowser
{
    /// <summary>
    /// From the login page <paramref name="page"/> shows, signs in as a new account: password, then
    /// TOTP enrolment with a code computed from the secret the page prints.
    /// </summary>
    public static async Task SignInEnrollingAsync(IPage page, string name, string password)
    {
        Assert.Equal("/console/login", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var secret = (await page.Locator("#secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Six-digit code").FillAsync(TotpCodes.Compute(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
    }
}
