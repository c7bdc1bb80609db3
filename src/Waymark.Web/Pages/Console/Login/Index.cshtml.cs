using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>Step one: name and password. Step two is <see cref="CodeModel"/> or, the first time, <see cref="EnrolModel"/>.</summary>
public sealed class IndexModel(ConsoleAccounts accounts) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Failed { get; private set; }

    public int MaxFailures => ConsoleAccounts.MaxFailures;

    public int LockMinutes => (int)ConsoleAccounts.LockDuration.TotalMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var step = await accounts.CheckPasswordAsync(Name, Password, cancellationToken);
        Password = null;
        if (step.User is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.SecondFactorScheme, ConsoleAuthentication.SecondFactorPrincipal(step.User));
        return Redirect(step.Outcome switch
        {
            LoginOutcome.NeedsNewPassword => "/console/login/password",
            LoginOutcome.NeedsEnrolment => "/console/login/enrol",
            _ => "/console/login/code",
        });
    }
}
