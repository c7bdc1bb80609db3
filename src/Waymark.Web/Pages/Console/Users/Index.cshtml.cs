using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console.Users;

/// <summary>Admins list, add (editors and analysts only), disable and reset accounts; every change is audited.</summary>
public sealed class IndexModel(ConsoleAccounts accounts) : PageModel
{
    public IReadOnlyList<ConsoleAccount> Accounts { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Succeeded { get; private set; }

    public string? NewPassword { get; private set; }

    private string Actor => User.Identity?.Name ?? "";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Accounts = await accounts.ListAsync(cancellationToken);

    /// <summary>The roles the console may give; admin is given on the server only.</summary>
    public static IReadOnlyList<ConsoleRole> ConsoleGrantable { get; } = [ConsoleRole.Editor, ConsoleRole.Analyst];

    public async Task<IActionResult> OnPostAddAsync(string? name, string[]? roles, CancellationToken cancellationToken)
    {
        var parsed = ConsoleRoles.TryParseList(roles ?? [], out var problem);
        if (parsed is null || parsed.Contains(ConsoleRole.Admin))
        {
            return await ShowAsync(AccountResult.Refused(parsed is null
                ? problem
                : "the console adds editors and analysts only; admins are added with 'waymark users add' on the server"), cancellationToken);
        }

        var password = ConsoleAccounts.GeneratePassword();
        var result = await accounts.AddAsync(name ?? "", parsed, password, mustChangePassword: true, Actor, cancellationToken);
        NewPassword = result.Succeeded ? password : null;
        return await ShowAsync(result, cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(string? account, CancellationToken cancellationToken) =>
        await ShowAsync(account == Actor
            ? AccountResult.Refused("you cannot disable your own account")
            : await accounts.SetDisabledAsync(account ?? "", true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(string? account, CancellationToken cancellationToken) =>
        await ShowAsync(await accounts.SetDisabledAsync(account ?? "", false, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(string? account, string[]? roles, CancellationToken cancellationToken)
    {
        var parsed = ConsoleRoles.TryParseList(roles ?? [], out var problem);
        return await ShowAsync(
            parsed is null ? AccountResult.Refused(problem)
            : account == Actor ? AccountResult.Refused("you cannot change your own roles")
            : await accounts.SetRolesAsync(account ?? "", parsed, mayTouchAdmin: false, Actor, cancellationToken),
            cancellationToken);
    }

    public async Task<IActionResult> OnPostResetTotpAsync(string? account, CancellationToken cancellationToken) =>
        await ShowAsync(await accounts.ResetTotpAsync(account ?? "", Actor, cancellationToken), cancellationToken);

    private async Task<IActionResult> ShowAsync(AccountResult result, CancellationToken cancellationToken)
    {
        Message = result.Message;
        Succeeded = result.Succeeded;
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Accounts = await accounts.ListAsync(cancellationToken);
        return Page();
    }
}
