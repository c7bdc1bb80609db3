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
        var parsed = ConsoleRoles.ParseList(Roles);
        if (!parsed.IsSuccess || parsed.Value!.Contains(ConsoleRole.Admin))
        {
            return await AfterAsync(parsed.IsSuccess
                ? Result.Fail<string>("the console adds editors and analysts only; admins are added with 'waymark users add' on the server")
                : Result.Fail<string>(parsed.Problem!), cancellationToken);
        }

        var password = ConsoleAccounts.GeneratePassword();
        var result = await accounts.AddAsync(Name ?? "", parsed.Value!, password, mustChangePassword: true, Actor, cancellationToken);
        NewPassword = result.IsSuccess ? password : null;
        return await AfterAsync(result, cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        await AfterAsync(Account == Actor
            ? Result.Fail<string>("you cannot disable your own account")
            : await accounts.SetDisabledAsync(Account ?? "", true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.SetDisabledAsync(Account ?? "", false, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(CancellationToken cancellationToken)
    {
        var parsed = ConsoleRoles.ParseList(Roles);
        return await AfterAsync(
            !parsed.IsSuccess ? Result.Fail<string>(parsed.Problem!)
            : Account == Actor ? Result.Fail<string>("you cannot change your own roles")
            : await accounts.SetRolesAsync(Account ?? "", parsed.Value!, mayTouchAdmin: false, Actor, cancellationToken),
            cancellationToken);
    }

    public async Task<IActionResult> OnPostResetTotpAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.ResetTotpAsync(Account ?? "", Actor, cancellationToken), cancellationToken);

    private Task<IActionResult> AfterAsync(Result<string> result, CancellationToken cancellationToken) =>
        AfterChangeAsync(result, async () =>
        {
            Accounts = await accounts.ListAsync(cancellationToken);
            return Page();
        });
}
