using System.Security.Cryptography;

namespace Waymark.Web.Analysis;

/// <summary>
/// The research team's secret keys, held in this process's memory only, per console session
/// (docs/adr/0080). A key is found by the session's random id (a claim in the session cookie) and
/// the public key it belongs to; another session, even of the same account, has another id and
/// sees nothing. Keys live in pinned arrays (the garbage collector never copies them) and are
/// zeroed when the session locks, signs out, is refused, goes idle past the console's idle timeout
/// or reaches its absolute lifetime. Nothing here is ever written to the database, the key ring,
/// a log or the disk; on several nodes a key lives only on the node that received it.
/// </summary>
public sealed class SealedKeyVault : IDisposable
{
    private readonly Dictionary<string, Held> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _idle;
    private readonly TimeSpan _absolute;
    private readonly ITimer _sweeper;

    public SealedKeyVault(TimeProvider time, TimeSpan idle, TimeSpan absolute)
    {
        _time = time;
        _idle = idle;
        _absolute = absolute;

        // Expired keys are wiped within a minute even if the session never comes back.
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>Sessions that hold at least one key (for tests and the status line).</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>
    /// Keeps a copy of <paramref name="secretKey"/> for the session (the caller zeroes its own
    /// copy). A key already held for the same public key is replaced and zeroed.
    /// </summary>
    public void Hold(string session, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(session);
        var copy = GC.AllocateArray<byte>(secretKey.Length, pinned: true);
        secretKey.CopyTo(copy);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(session, out var held) || held.ExpiredAt(now, _idle, _absolute))
            {
                held?.Wipe();
                held = new Held(now);
                _sessions[session] = held;
            }

            held.Add(Convert.ToBase64String(publicKey), copy);
            held.LastUsed = now;
        }
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the session's key for <paramref name="publicKey"/>, or with
    /// null when the session holds none (see <see cref="UseAll{T}"/>).
    /// </summary>
    public T Use<T>(string? session, ReadOnlySpan<byte> publicKey, Func<byte[]?, T> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        return UseAll(session, [publicKey.ToArray()], keys => use(keys.Count > 0 ? keys[0] : null));
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the session's keys for those of <paramref name="publicKeys"/>
    /// it holds (none: an empty list). Each key is lent as a pinned copy that is zeroed when
    /// <paramref name="use"/> returns, so a Lock from another request never pulls a key from under a
    /// running decryption and no copy outlives the call.
    /// </summary>
    public T UseAll<T>(string? session, IEnumerable<byte[]> publicKeys, Func<IReadOnlyList<byte[]>, T> use)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        ArgumentNullException.ThrowIfNull(use);
        var now = _time.GetUtcNow();
        var loans = new List<byte[]>();
        lock (_gate)
        {
            if (session is not null && _sessions.TryGetValue(session, out var held))
            {
                if (held.ExpiredAt(now, _idle, _absolute))
                {
                    held.Wipe();
                    _sessions.Remove(session);
                }
                else
                {
                    foreach (var key in publicKeys.Select(p => held.Find(Convert.ToBase64String(p))).OfType<byte[]>())
                    {
                        var loan = GC.AllocateArray<byte>(key.Length, pinned: true);
                        key.CopyTo(loan, 0);
                        loans.Add(loan);
                    }

                    if (loans.Count > 0)
                    {
                        held.LastUsed = now;
                    }
                }
            }
        }

        try
        {
            return use(loans);
        }
        finally
        {
            foreach (var loan in loans)
            {
                CryptographicOperations.ZeroMemory(loan);
            }
        }
    }

    /// <summary>Whether the session holds the key for <paramref name="publicKey"/>.</summary>
    public bool IsUnlocked(string? session, ReadOnlySpan<byte> publicKey) => Use(session, publicKey, key => key is not null);

    /// <summary>
    /// When the session's keys will be wiped if it makes no further request (its idle time from the last
    /// use), and when at the latest whatever it does (its absolute lifetime from the unlock); null when it holds none.
    /// </summary>
    public (DateTimeOffset Idle, DateTimeOffset Absolute)? ExpiryOf(string? session)
    {
        if (session is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _sessions.TryGetValue(session, out var held) && !held.ExpiredAt(now, _idle, _absolute)
                ? (held.LastUsed + _idle, held.Unlocked + _absolute)
                : null;
        }
    }

    /// <summary>Marks the session active (each console request), so that its keys follow the session's idle timeout.</summary>
    public void Touch(string? session)
    {
        if (session is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_sessions.TryGetValue(session, out var held))
            {
                held.LastUsed = _time.GetUtcNow();
            }
        }
    }

    /// <summary>Zeroes and forgets every key of the session (Lock, sign-out, a refused session); true when there was one.</summary>
    public bool Wipe(string? session)
    {
        if (session is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_sessions.Remove(session, out var held))
            {
                return false;
            }

            held.Wipe();
            return true;
        }
    }

    /// <summary>Zeroes the keys of every session past its idle or absolute time.</summary>
    public void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (session, held) in _sessions.Where(s => s.Value.ExpiredAt(now, _idle, _absolute)).ToList())
            {
                held.Wipe();
                _sessions.Remove(session);
            }
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        lock (_gate)
        {
            foreach (var held in _sessions.Values)
            {
                held.Wipe();
            }

            _sessions.Clear();
        }
    }

    /// <summary>The keys of one session, by public key (Base64), and when it unlocked and was last used.</summary>
    private sealed class Held(DateTimeOffset unlocked)
    {
        private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

        public DateTimeOffset Unlocked { get; } = unlocked;

        public DateTimeOffset LastUsed { get; set; } = unlocked;

        public bool ExpiredAt(DateTimeOffset now, TimeSpan idle, TimeSpan absolute) =>
            now - LastUsed > idle || now - Unlocked > absolute;

        public void Add(string publicKey, byte[] secretKey)
        {
            if (_keys.Remove(publicKey, out var old))
            {
                CryptographicOperations.ZeroMemory(old);
            }

            _keys[publicKey] = secretKey;
        }

        public byte[]? Find(string publicKey) => _keys.GetValueOrDefault(publicKey);

        public void Wipe()
        {
            foreach (var key in _keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            _keys.Clear();
        }
    }
}
