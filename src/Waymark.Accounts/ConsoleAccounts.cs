using System.Security.Cryptography;
using Waymark.Storage;

namespace Waymark.Accounts;

/// <summary>
/// The console's accounts: creating, listing, disabling, and the login checks (password, then
/// TOTP, with per-account lockout). The one entry point the command line and the console pages share.
/// </summary>
public sealed class ConsoleAccounts(WaymarkDatabase database, TimeProvider time, TotpSecretBox secrets)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 64;

    /// <summary>Failures (password or code) in a row that lock an account.</summary>
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>The actor recorded in the audit log for what is done with <c>waymark users</c>.</summary>
    public const string CommandLineActor = "(command line)";

    /// <summary>Adds an account holding one role; see the overload for several.</summary>
    public Task<Result<string>> AddAsync(string name, ConsoleRole role, string password, string actor, CancellationToken cancellationToken = default) =>
        AddAsync(name, [role], password, actor, cancellationToken);

    /// <summary>Adds an account holding <paramref name="roles"/> after checking the name and password; a clear message when refused.</summary>
    public Task<Result<string>> AddAsync(string name, IReadOnlyCollection<ConsoleRole> roles, string password, string actor, CancellationToken cancellationToken = default) =>
        AddAsync(name, roles, password, mustChangePassword: false, actor, cancellationToken);

    /// <summary>
    /// Adds an account; with <paramref name="mustChangePassword"/> (accounts added in the console, whose
    /// password the admin saw) the password only lets its holder choose a new one at the first sign-in.
    /// </summary>
    public async Task<Result<string>> AddAsync(string name, IReadOnlyCollection<ConsoleRole> roles, string password, bool mustChangePassword, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
        {
            return Result.Fail<string>("an account needs at least one role");
        }

        if (ValidateName(name) is { } nameProblem)
        {
            return Result.Fail<string>(nameProblem);
        }

        if (password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            return Result.Fail<string>($"the password must be {MinPasswordLength} to {MaxPasswordLength} characters long");
        }

        var hash = PasswordHashing.Hash(password, PasswordHashing.Current);
        var names = ConsoleRoles.Names(roles);
        if (await database.Users.AddAsync(name, names, hash, mustChangePassword, cancellationToken).ConfigureAwait(false) is null)
        {
            return Result.Fail<string>($"an account named '{name}' already exists");
        }

        var shown = string.Join(", ", roles.Distinct().Order().Select(r => r.Name()));
        await AuditAsync(actor, "account added", $"{name} ({shown})", cancellationToken).ConfigureAwait(false);
        return Result.Ok($"account '{name}' added with {(names.Count == 1 ? "role" : "roles")} {shown}; "
            + (mustChangePassword ? "at the first login its holder chooses a new password (this one then stops working) and sets up the second factor" : "the second factor is set up at the first login"));
    }

    /// <summary>
    /// Replaces an account's roles; its sessions end at once (a new sign-in carries the new roles).
    /// <paramref name="mayTouchAdmin"/> is false in the console: there an admin role is neither
    /// given nor taken, only on the server with <c>waymark users roles</c>.
    /// </summary>
    public async Task<Result<string>> SetRolesAsync(string name, IReadOnlyCollection<ConsoleRole> roles, bool mayTouchAdmin, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
        {
            return Result.Fail<string>("an account needs at least one role");
        }

        var user = await database.Users.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return Result.Fail<string>($"there is no account named '{name}'");
        }

        var admin = ConsoleRole.Admin.Name();
        if (!mayTouchAdmin && (user.Roles.Contains(admin) || roles.Contains(ConsoleRole.Admin)))
        {
            return Result.Fail<string>("the admin role is given and taken on the server only ('waymark users roles')");
        }

        var names = ConsoleRoles.Names(roles);
        if (!await database.Users.SetRolesAsync(user.Id, names, cancellationToken).ConfigureAwait(false))
        {
            return Result.Fail<string>($"there is no account named '{name}'");
        }

        await database.ConsoleSessions.DeleteForUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
        var shown = string.Join(", ", roles.Distinct().Order().Select(r => r.Name()));
        await AuditAsync(actor, "roles changed", $"{name}: {string.Join(", ", user.Roles)} -> {shown}", cancellationToken).ConfigureAwait(false);
        return Result.Ok($"roles of '{name}' are now {shown}; its sessions have ended");
    }

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<ConsoleAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        (await database.Users.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToAccount).ToList();

    /// <summary>Removes an account's second factor; the user enrols a new one at the next login.</summary>
    public Task<Result<string>> ResetTotpAsync(string name, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(name, actor, "second factor reset", (user, token) => database.Users.ResetTotpAsync(user.Id, token), cancellationToken);

    /// <summary>Disables (or re-enables) an account; its sessions end at once.</summary>
    public Task<Result<string>> SetDisabledAsync(string name, bool disabled, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(name, actor, disabled ? "account disabled" : "account enabled", (user, token) => database.Users.SetDisabledAsync(user.Id, disabled, token), cancellationToken);

    /// <summary>A random password of 20 characters from an unambiguous alphabet (about 115 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private async Task<Result<string>> ChangeAsync(
        string name, string actor, string action, Func<StoredUser, CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        var user = await database.Users.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null || !await change(user, cancellationToken).ConfigureAwait(false))
        {
            return Result.Fail<string>($"there is no account named '{name}'");
        }

        // Every change made here ends the account's sessions (the session version was bumped too).
        await database.ConsoleSessions.DeleteForUserAsync(user.Id, cancellationToken).ConfigureAwait(false);

        await AuditAsync(actor, action, name, cancellationToken).ConfigureAwait(false);
        return Result.Ok($"{action}: {name}");
    }

    public Task AuditAsync(string actor, string action, string detail, CancellationToken cancellationToken) =>
        database.AuditLog.AddAsync(time.GetUtcNow(), actor, action, detail, cancellationToken);

    public static string? ValidateName(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return $"an account name must be 1 to {MaxNameLength} characters long";
        }

        return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_')
            ? null
            : "an account name may hold only lower-case letters a-z, digits, '.', '-' and '_'";
    }

    public static ConsoleAccount ToAccount(StoredUser user) =>
        new(user.Name,
            [.. user.Roles.Select(name => ConsoleRoles.TryParse(name, out var role) ? role : throw new InvalidOperationException($"Unknown role '{name}' in the database.")).Order()],
            user.TotpSecret is not null, user.Disabled, user.LockedUntil, user.MustChangePassword);

    /// <summary>Step one of a login: the password. Every failure looks the same to the person trying.</summary>
    public async Task<LoginStep> CheckPasswordAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(name) || name.Length > MaxNameLength
            ? null
            : await database.Users.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (password is null || password.Length > MaxPasswordLength)
        {
            password = "";
        }

        if (user is null || user.Disabled || IsLocked(user))
        {
            PasswordHashing.Verify(password, PasswordHashing.Decoy); // the same work, so timing does not tell which
            return LoginStep.Failed;
        }

        if (await ClaimAttemptAsync(user, cancellationToken).ConfigureAwait(false) is not { } attempt)
        {
            PasswordHashing.Verify(password, PasswordHashing.Decoy); // locked meanwhile by concurrent tries: the same work and answer
            return LoginStep.Failed;
        }

        var check = PasswordHashing.Verify(password, user.PasswordHash);
        if (check == PasswordCheck.Wrong)
        {
            await FailAsync(attempt, cancellationToken).ConfigureAwait(false);
            return LoginStep.Failed;
        }

        await ReturnAttemptAsync(attempt, cancellationToken).ConfigureAwait(false);

        if (check == PasswordCheck.RightButRehash)
        {
            await database.Users.SetPasswordHashAsync(user.Id, PasswordHashing.Hash(password, PasswordHashing.Current), cancellationToken).ConfigureAwait(false);
        }

        return new LoginStep(
            user.MustChangePassword ? LoginOutcome.NeedsNewPassword : user.TotpSecret is null ? LoginOutcome.NeedsEnrolment : LoginOutcome.NeedsCode,
            user);
    }

    /// <summary>Whether the account still has to replace the password the admin saw.</summary>
    public async Task<bool> MustChangePasswordAsync(long userId, CancellationToken cancellationToken) =>
        (await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false)) is { MustChangePassword: true, Disabled: false };

    /// <summary>
    /// The first sign-in of an account added in the console: its holder (past the password step)
    /// replaces the password the admin saw with one of their own, typed twice and different from it.
    /// </summary>
    public async Task<Result<string>> SetFirstPasswordAsync(long userId, string password, string repeated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(repeated);
        var user = await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { MustChangePassword: true, Disabled: false } || IsLocked(user))
        {
            return Result.Fail<string>("this account has no password to replace; start again");
        }

        if (password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            return Result.Fail<string>($"the password must be {MinPasswordLength} to {MaxPasswordLength} characters long");
        }

        if (!string.Equals(password, repeated, StringComparison.Ordinal))
        {
            return Result.Fail<string>("the two passwords differ");
        }

        if (PasswordHashing.Verify(password, user.PasswordHash) != PasswordCheck.Wrong)
        {
            return Result.Fail<string>("choose a password other than the one you were given");
        }

        if (!await database.Users.SetFirstPasswordAsync(user.Id, user.PasswordHash, PasswordHashing.Hash(password, PasswordHashing.Current), cancellationToken).ConfigureAwait(false))
        {
            return Result.Fail<string>("this account has no password to replace; start again");
        }

        await AuditAsync(user.Name, "password chosen at first sign-in", user.Name, cancellationToken).ConfigureAwait(false);
        return Result.Ok("password set");
    }

    /// <summary>Step two: the code from the authenticator app, once only.</summary>
    public async Task<LoginStep> CheckCodeAsync(long userId, string? code, CancellationToken cancellationToken)
    {
        var user = await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user?.TotpSecret is null || user.Disabled || user.MustChangePassword || IsLocked(user))
        {
            return LoginStep.Failed;
        }

        if (await ClaimAttemptAsync(user, cancellationToken).ConfigureAwait(false) is not { } attempt)
        {
            return LoginStep.Failed;
        }

        var secret = secrets.Open(user.Id, user.TotpSecret);
        var step = secret is null ? null : TotpCodes.MatchStep(secret, code, time.GetUtcNow());
        if (step is null || !await database.Users.TryUseTotpStepAsync(user.Id, step.Value, cancellationToken).ConfigureAwait(false))
        {
            await FailAsync(attempt, cancellationToken).ConfigureAwait(false);
            return LoginStep.Failed;
        }

        await ReturnAttemptAsync(attempt, cancellationToken).ConfigureAwait(false);

        if (TotpSecretBox.IsPlain(user.TotpSecret))
        {
            // A secret stored before encryption: sealed now that its owner has proved they hold it.
            await database.Users.ReplaceTotpSecretAsync(user.Id, user.TotpSecret, secrets.Seal(user.Id, secret!), cancellationToken).ConfigureAwait(false);
        }

        return await SignedInAsync(user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A new secret for the enrolment page of one pending sign-in, shown once: every call makes
    /// another, bound to <paramref name="pendingLogin"/>, and replaces the one offered before (to this
    /// or any other sign-in of the account). Whoever else passes the password step never sees the
    /// secret the owner scans, and a key shown earlier no longer confirms.
    /// </summary>
    public async Task<string?> NewPendingSecretAsync(long userId, string pendingLogin, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pendingLogin);
        var user = await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.TotpSecret is not null || user.Disabled || user.MustChangePassword || IsLocked(user))
        {
            return null;
        }

        var secret = TotpCodes.NewSecret();
        await database.Users.SetPendingTotpAsync(user.Id, secrets.SealPending(user.Id, pendingLogin, secret), cancellationToken).ConfigureAwait(false);
        return secret;
    }

    /// <summary>Enrolment ends when the user types a code from the secret offered to this pending sign-in.</summary>
    public async Task<LoginStep> ConfirmEnrolmentAsync(long userId, string pendingLogin, string? code, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pendingLogin);
        var user = await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user?.TotpPending is null || user.TotpSecret is not null || user.Disabled || user.MustChangePassword || IsLocked(user))
        {
            return LoginStep.Failed;
        }

        if (await ClaimAttemptAsync(user, cancellationToken).ConfigureAwait(false) is not { } attempt)
        {
            return LoginStep.Failed;
        }

        var pending = secrets.OpenPending(user.Id, pendingLogin, user.TotpPending);
        var step = pending is null ? null : TotpCodes.MatchStep(pending, code, time.GetUtcNow());
        if (step is null || !await database.Users.ConfirmTotpAsync(user.Id, user.TotpPending, secrets.Seal(user.Id, pending!), step.Value, cancellationToken).ConfigureAwait(false))
        {
            await FailAsync(attempt, cancellationToken).ConfigureAwait(false);
            return LoginStep.Failed;
        }

        await ReturnAttemptAsync(attempt, cancellationToken).ConfigureAwait(false);

        await AuditAsync(user.Name, "second factor enrolled", user.Name, cancellationToken).ConfigureAwait(false);
        return await SignedInAsync(user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name of an account, for the enrolment QR code's label.</summary>
    public async Task<string?> AccountNameAsync(long userId, CancellationToken cancellationToken) =>
        (await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false))?.Name;

    /// <summary>
    /// The account behind a session, or null when it no longer may have one: its row is gone (signed
    /// out, on any node), it is older than <see cref="SessionPolicy.AbsoluteTimeout"/> counted
    /// from sign-in, idle longer than <see cref="SessionPolicy.IdleTimeout"/>, or the account
    /// changed. A session found expired is deleted; a live one has its idle clock moved (at most once a minute).
    /// </summary>
    public async Task<StoredUser?> SessionUserAsync(long userId, long sessionVersion, string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId)
            || await database.ConsoleSessions.FindAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } session
            || session.UserId != userId)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - session.SignedIn >= SessionPolicy.AbsoluteTimeout || now - session.LastSeen >= SessionPolicy.IdleTimeout)
        {
            await database.ConsoleSessions.DeleteAsync(sessionId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var user = await database.Users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { Disabled: false, TotpSecret: not null } || user.SessionVersion != sessionVersion)
        {
            return null;
        }

        if (now - session.LastSeen >= TouchInterval)
        {
            await database.ConsoleSessions.TouchAsync(sessionId, now, cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>Ends a session on every node (sign-out); true when it was still live.</summary>
    public Task<bool> EndSessionAsync(string? sessionId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(sessionId) ? Task.FromResult(false) : database.ConsoleSessions.DeleteAsync(sessionId, cancellationToken);

    /// <summary>How stale the stored idle clock may get: one write a minute at most per session, not one per request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private async Task<LoginStep> SignedInAsync(StoredUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await database.Users.RecordSuccessAsync(user.Id, cancellationToken).ConfigureAwait(false);
        await database.ConsoleSessions.DeleteExpiredAsync(now - SessionPolicy.AbsoluteTimeout, now - SessionPolicy.IdleTimeout, cancellationToken).ConfigureAwait(false);
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await database.ConsoleSessions.AddAsync(sessionId, user.Id, now, cancellationToken).ConfigureAwait(false);
        await AuditAsync(user.Name, "signed in", "", cancellationToken).ConfigureAwait(false);
        return new LoginStep(LoginOutcome.SignedIn, user, sessionId);
    }

    private bool IsLocked(StoredUser user) => user.LockedUntil is { } until && until > time.GetUtcNow();

    /// <summary>One credential check, claimed before it runs (<see cref="UserStore.ClaimAttemptAsync"/>).</summary>
    private sealed record Attempt(StoredUser User, DateTimeOffset LockUntil, bool Locked);

    /// <summary>Claims a check before it runs; null while the account is locked (also by tries still running).</summary>
    private async Task<Attempt?> ClaimAttemptAsync(StoredUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lockUntil = now + LockDuration;
        return await database.Users.ClaimAttemptAsync(user.Id, MaxFailures, now, lockUntil, cancellationToken).ConfigureAwait(false) is { } locked
            ? new Attempt(user, lockUntil, locked)
            : null;
    }

    /// <summary>The check was right: its claim was no failure.</summary>
    private Task ReturnAttemptAsync(Attempt attempt, CancellationToken cancellationToken) =>
        database.Users.ReturnAttemptAsync(attempt.User.Id, MaxFailures, attempt.LockUntil, attempt.Locked, cancellationToken);

    /// <summary>The check was wrong: already counted when claimed; audited if it locked the account.</summary>
    private async Task FailAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Locked)
        {
            await AuditAsync(attempt.User.Name, "account locked", $"{MaxFailures} failed logins", cancellationToken).ConfigureAwait(false);
        }
    }
}


/// <summary>An account as shown to admins: never its hash or secret. <see cref="Roles"/> in enum order (admin, editor, analyst).</summary>
public sealed record ConsoleAccount(string Name, IReadOnlyList<ConsoleRole> Roles, bool HasSecondFactor, bool Disabled, DateTimeOffset? LockedUntil, bool AwaitsOwnPassword = false)
{
    /// <summary>The roles as typed on the command line: "editor,analyst".</summary>
    public string RoleNames => string.Join(',', Roles.Select(r => r.Name()));
}

public enum LoginOutcome
{
    Failed,
    NeedsNewPassword,
    NeedsEnrolment,
    NeedsCode,
    SignedIn,
}

/// <summary>A login step's outcome; <see cref="SessionId"/> is the new server-side session's id once signed in.</summary>
public sealed record LoginStep(LoginOutcome Outcome, StoredUser? User, string? SessionId = null)
{
    public static LoginStep Failed { get; } = new(LoginOutcome.Failed, null);
}
