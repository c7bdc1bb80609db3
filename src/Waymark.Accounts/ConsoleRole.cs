namespace Waymark.Accounts;

/// <summary>
/// What a console account may do. An account holds one or more roles (ADR 0061), and roles do not
/// include one another: an admin manages accounts but does not read responses unless the account
/// also holds the analyst role (docs/security.md).
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

    /// <summary>The stored names of <paramref name="roles"/>, each once, in ordinal order.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<ConsoleRole> roles) =>
        [.. roles.Select(Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Roles as typed: each value may itself be a comma-separated list ("editor,analyst"). A problem
    /// when a name is unknown or none is given.
    /// </summary>
    public static Result<IReadOnlyList<ConsoleRole>> ParseList(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var roles = new SortedSet<ConsoleRole>();
        foreach (var part in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!TryParse(part, out var role))
            {
                return Result.Fail<IReadOnlyList<ConsoleRole>>($"unknown role '{part}': the roles are admin, editor and analyst");
            }

            roles.Add(role);
        }

        return roles.Count == 0
            ? Result.Fail<IReadOnlyList<ConsoleRole>>("give at least one role: admin, editor or analyst")
            : Result.Ok<IReadOnlyList<ConsoleRole>>([.. roles]);
    }

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
