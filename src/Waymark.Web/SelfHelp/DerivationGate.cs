using System.Threading.RateLimiting;
using Waymark.SelfHelp.Vault;

namespace Waymark.Web.SelfHelp;

/// <summary>
/// The one bound on recovery-phrase and resume-code key derivations in a process: each runs Argon2id (12 MiB, 3 passes) for
/// about a tenth of a second of one core, so without a bound a few hundred concurrent posts take the
/// memory and every core (an audit saw 1.2 GB and 9 to 20 s pages at 128). At most
/// <see cref="Permits"/> run at once (the number of cores by default), each on a thread of its own
/// so that the request thread pool stays free for other pages; up to <see cref="QueueLimit"/> more
/// wait, oldest first, for at most <see cref="MaxWait"/>; anyone beyond is told at once that the
/// service is busy (the pages answer 503 with <c>Retry-After</c>), which costs nothing.
/// </summary>
internal sealed class DerivationGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public DerivationGate(int permits, int queueLimit, TimeSpan maxWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        Permits = permits;
        QueueLimit = queueLimit;
        MaxWait = maxWait;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The default for this machine: one derivation per core, a queue of two per core, five seconds' wait.</summary>
    public static DerivationGate ForCores(int cores) => new(Math.Max(1, cores), 2 * Math.Max(1, cores), TimeSpan.FromSeconds(5));

    public int Permits { get; }

    public int QueueLimit { get; }

    public TimeSpan MaxWait { get; }

    /// <summary>Seconds a refused person is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Derives the keys of <paramref name="version"/>, or null at once when the gate and its queue are full or the wait runs out.</summary>
    public Task<VaultKeys?> DeriveAsync(string canonicalPhrase, byte version = VaultKeys.CurrentVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalPhrase);
        return RunAsync(() => VaultKeys.Derive(canonicalPhrase, version), cancellationToken);
    }

    /// <summary>
    /// Runs any other derivation of the same kind and cost (a survey's resume code) under the same bound,
    /// so that no public form can run Argon2id beside it; null at once when the gate and its queue are full.
    /// </summary>
    public async Task<T?> RunAsync<T>(Func<T> derive, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(derive);
        using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return null;
        }

        return await Task.Factory.StartNew(derive, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }

    /// <summary>A permit (tests hold them to fill the gate); not acquired when full or after <see cref="MaxWait"/>.</summary>
    internal async Task<RateLimitLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaxWait);
        try
        {
            return await _limiter.AcquireAsync(1, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refused.Instance;
        }
    }

    public void Dispose() => _limiter.Dispose();

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
