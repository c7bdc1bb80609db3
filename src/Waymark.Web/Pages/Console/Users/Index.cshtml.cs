using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Console.Users;

/// <summary>
/// Admins list, add (editors and analysts only), disable and reset accounts; every change is audited.
/// A change that succeeds redirects back here (a reload never repeats it) and the page says what was
/// done once, from TempData (<see cref="Waymark.Web.Accounts.ConsoleNotice"/>); a refused one shows the page with the reason and 400.
/// </summary>
public sealed class IndexModel(ConsoleAccounts accounts) : ConsolePageModel
{
    /// <summary>The new account's name (Add).</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The account a row's button acts on (Disable, Enable, Roles, ResetTotp).</summary>
    [BindProperty]
    public string? Account { get; set; }

    /// <summary>The roles ticked (Add, Roles).</summary>
    [BindProperty]
    public string[] Roles { get; set; } = [];

    public IReadOnlyList<ConsoleAccount> Accounts { get; private set; } = [];

    /// <summary>
    /// The one-time password of the account just added: carried across the redirect in the console's
    /// TempData cookie (encrypted, path /console) and shown once, as Identity UI shows new recovery codes.
    /// </summary>
    [TempData]
    public string? NewPassword { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShowNotice();
        Accounts = await accounts.ListAsync(cancellationToken);
    }

    /// <summary>The roles the console may give; admin is given on the server only.</summary>
    public static IReadOnlyList<ConsoleRole> ConsoleGrantable { get; } = [ConsoleRole.Editor, ConsoleRole.Analyst];

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var parsed = ConsoleRoles.TryParseList(Roles, out var problem);
        if (parsed is null || parsed.Contains(ConsoleRole.Admin))
        {
            return await AfterAsync(AccountResult.Refused(parsed is null
                ? problem
                : "the console adds editors and analysts only; admins are added with 'waymark users add' on the server"), cancellationToken);
        }

        var password = ConsoleAccounts.GeneratePassword();
        var result = await accounts.AddAsync(Name ?? "", parsed, password, mustChangePassword: true, Actor, cancellationToken);
        NewPassword = result.Succeeded ? password : null;
        return await AfterAsync(result, cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        await AfterAsync(Account == Actor
            ? AccountResult.Refused("you cannot disable your own account")
            : await accounts.SetDisabledAsync(Account ?? "", true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.SetDisabledAsync(Account ?? "", false, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(CancellationToken cancellationToken)
    {
        var parsed = ConsoleRoles.TryParseList(Roles, out var problem);
        return await AfterAsync(
            parsed is null ? AccountResult.Refused(problem)
            : Account == Actor ? AccountResult.Refused("you cannot change your own roles")
            : await accounts.SetRolesAsync(Account ?? "", parsed, mayTouchAdmin: false, Actor, cancellationToken),
            cancellationToken);
    }

    public async Task<IActionResult> OnPostResetTotpAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.ResetTotpAsync(Account ?? "", Actor, cancellationToken), cancellationToken);

    private Task<IActionResult> AfterAsync(AccountResult result, CancellationToken cancellationToken) =>
        AfterChangeAsync(result.Succeeded, result.Message, async () =>
        {
            Accounts = await accounts.ListAsync(cancellationToken);
            return Page();
        });
}
