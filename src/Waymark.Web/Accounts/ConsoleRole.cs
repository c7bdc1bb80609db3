namespace Waymark.Web.Accounts;

/// <summary>
/// What a console account may do. Each account has exactly one role, and roles do not include
/// one another: an admin manages accounts but does not read responses (docs/security.md).
/// </summary>
public enum ConsoleRole
{
    /// <summary>Accounts and settings.</summary>
    Admin,

    /// <summary>Instruments, self-help content, screening messages and term lists.</summary>
    Editor,

    /// <summary>Responses, analyses and exports.</summary>
    Analyst,
}

/// <summary>The stored and typed names of the roles.</summary>
public static class ConsoleRoles
{
    public static string Name(this ConsoleRole role) => role switch
    {
        ConsoleRole.Admin => "admin",
        ConsoleRole.Editor => "editor",
        ConsoleRole.Analyst => "analyst",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out ConsoleRole role)
    {
        foreach (var candidate in Enum.GetValues<ConsoleRole>())
        {
            if (string.Equals(text, candidate.Name(), StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
