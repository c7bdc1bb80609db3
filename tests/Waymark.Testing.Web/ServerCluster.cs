namespace Waymark.Testing;

/// <summary>
/// Several <c>waymark serve</c> nodes on one PostgreSQL database, deployed as docs/deploy.md says:
/// each with its own data folder, all given the same secrets key file, so that what one node signs
/// (a form token, a console cookie) another verifies.
/// </summary>
public sealed class ServerCluster : IAsyncDisposable
{
    /// <summary>The variable <c>waymark serve</c> reads the shared secrets key file from.</summary>
    public const string SecretsKeyVariable = "WAYMARK_SECRETS_KEY_FILE";

    /// <summary>The folder of the shared secrets key: deleted after the nodes stop.</summary>
    private readonly TempFolder _secrets;

    private ServerCluster(IReadOnlyList<ServerProcess> nodes, TempFolder secrets) => (Nodes, _secrets) = (nodes, secrets);

    public IReadOnlyList<ServerProcess> Nodes { get; }

    /// <summary>Starts <paramref name="count"/> nodes one after the other (the first creates the shared key).</summary>
    public static async Task<ServerCluster> StartAsync(int count, string postgres, IDictionary<string, string>? environment = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var secrets = TempFolder.Create("cluster-secrets");
        var shared = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [SecretsKeyVariable] = secrets.File("secrets.key"),
        };
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                nodes.Add(await ServerProcess.StartAsync(shared, postgres).ConfigureAwait(false));
            }
        }
        catch
        {
            await new ServerCluster(nodes, secrets).DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ServerCluster(nodes, secrets);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        _secrets.Dispose();
    }
}
