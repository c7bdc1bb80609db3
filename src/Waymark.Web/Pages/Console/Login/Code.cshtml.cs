using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>Step two for an enrolled account: the TOTP code, accepted once.</summary>
public sealed class CodeModel(ConsoleAccounts accounts) : SecondFactorPage(accounts)
{
    public int MaxFailures => ConsoleAccounts.MaxFailures;

    public async Task<IActionResult> OnGetAsync() =>
        await PendingUserIdAsync() is null ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        await PendingUserIdAsync() is { } id
            ? await FinishAsync(await Accounts.CheckCodeAsync(id, Code, cancellationToken))
            : BackToLogin();
}
