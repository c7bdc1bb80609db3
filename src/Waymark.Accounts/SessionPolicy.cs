namespace Waymark.Accounts;

/// <summary>How long a console session lasts: the accounts check it on every request, the web host's cookie follows it.</summary>
public static class SessionPolicy
{
    /// <summary>Idle time after which a session ends (sliding: each request renews it).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Longest session, however active, counted from sign-in on the server: staff log in again each working day.</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(10);
}
