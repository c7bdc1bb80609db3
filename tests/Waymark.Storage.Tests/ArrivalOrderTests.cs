using System.Globalization;
using System.Text;
using Npgsql;
using Waymark.Testing;
using Xunit.Abstractions;

namespace Waymark.Storage.Tests;

/// <summary>
/// What is kept on disk reveals no order of arrival, and what is deleted is gone from the files
/// (docs/adr/0100-no-arrival-order-on-disk.md). Each response carries a marker in its clear payload; the
/// tests look for the markers in the bytes an attacker with the disk would have: every file of the SQLite
/// data folder, and on PostgreSQL the rows' place in the heap (<c>ctid</c>), their transaction id
/// (<c>xmin</c>) and the table's own file.
/// </summary>
public sealed class ArrivalOrderTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ArrivalOrderTests");

    public void Dispose() => _temp.Dispose();

    private const int Submissions = 60;

    /// <summary>
    /// Two-tailed 0.1 % critical value of Spearman's ρ for 60 pairs, from the t approximation
    /// t / sqrt(n − 2 + t²) with t = qt(0.9995, 58) = 3.4663 (R 4.2): 0.4143. Any |ρ| at or above it would
    /// say the file follows the order of arrival better than chance.
    /// </summary>
    private const double CriticalRho = 0.4143;

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task After_compaction_no_byte_follows_the_order_of_submission(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var submitted = await SubmitAsync(database, new Random(20261206));
        if (engine == DatabaseEngine.PostgreSql)
        {
            // The measure sees order where there is some: before the maintenance step the heap follows arrival.
            var before = await HeapPlacesAsync(settings);
            var rho = Spearman(submitted.Select(s => before[s.Id].Xmin).ToList());
            output.WriteLine($"xmin before compaction: ρ = {rho.ToString("F3", CultureInfo.InvariantCulture)}");
            Assert.True(rho > CriticalRho);
        }

        var report = await database.CompactAsync();
        Assert.Equal(["survey_responses", "survey_drafts", "selfhelp_vaults"], report.Tables);

        if (engine == DatabaseEngine.Sqlite)
        {
            var files = ReadDataFolder(settings.DataDirectory);
            var positions = new List<double>();
            foreach (var marker in submitted.Select(s => s.Marker))
            {
                var found = FindAll(files, marker);
                // Exactly once: no stale copy in a freed page or in the log.
                Assert.True(found.Count == 1, $"{Encoding.ASCII.GetString(marker, 0, 21)} found {found.Count} times in {string.Join(", ", files.Keys)}");
                positions.Add(found[0]);
            }

            AssertNoOrder("byte position in the data folder", positions);
            Assert.Equal(0, LogLength(settings));
        }
        else
        {
            var rows = await HeapPlacesAsync(settings);
            var byId = submitted.Select(s => rows[s.Id]).ToList();
            AssertNoOrder("ctid", byId.Select(r => r.Ctid).ToList());
            // Rewritten in one transaction: every row has the same xmin (ρ is then 0 by definition).
            AssertNoOrder("xmin", byId.Select(r => r.Xmin).ToList());
            var relation = await RelationFileAsync(settings, "survey_responses");
            var positions = submitted.Select(s => (double)IndexOf(relation, s.Marker)).ToList();
            Assert.DoesNotContain(-1.0, positions);
            AssertNoOrder("byte position in the table's file", positions);
        }
    }

    [Fact]
    public async Task The_sqlite_log_holds_no_response_after_each_commit()
    {
        // Before this design, the write-ahead log kept a page image of every commit in commit order:
        // sixty responses were found there, in the order submitted (ρ = 1), until a checkpoint and a
        // later reset of the log. Now each commit ends with the log truncated to zero bytes.
        var settings = await TestDatabases.CreateAsync(DatabaseEngine.Sqlite, _temp);
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var submitted = await SubmitAsync(database, new Random(7));

        var log = File.Exists(settings.SqlitePath + "-wal") ? File.ReadAllBytes(settings.SqlitePath + "-wal") : [];
        var inLog = submitted.Select(s => (double)IndexOf(log, s.Marker)).Where(p => p >= 0).ToList();
        Assert.True(inLog.Count == 0, $"the log holds {inLog.Count} of {Submissions} responses (ρ with submission order {Spearman(inLog):F2})");
        Assert.Empty(log);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_deleted_vault_and_a_completed_draft_leave_no_byte_behind(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var gone = Marker("zorblat-vault-deleted");
        var kept = Marker("zorblat-vault-kept");
        var draft = Marker("zorblat-draft-completed");
        await database.SelfHelpVaults.PutAsync(Lookup(1), gone);
        await database.SelfHelpVaults.PutAsync(Lookup(2), kept);
        await database.SurveyResponses.SaveDraftAsync(new StoredDraft("draft-1", "demo", draft, new DateOnly(2026, 12, 31)));

        Assert.True(await database.SelfHelpVaults.DeleteAsync(Lookup(1)));
        await database.SurveyResponses.AddAsync(new StoredResponse("response-1", "demo", null, true, [1, 2, 3], string.Empty), "draft-1");

        if (engine == DatabaseEngine.Sqlite)
        {
            // No maintenance step: secure_delete zeroed the freed cells and the log was truncated.
            var files = ReadDataFolder(settings.DataDirectory);
            Assert.Empty(FindAll(files, gone));
            Assert.Empty(FindAll(files, draft));
            Assert.Single(FindAll(files, kept));
        }
        else
        {
            // PostgreSQL keeps a deleted row's bytes in the table's file until it is rewritten.
            await database.CompactAsync();
            var vaults = await RelationFileAsync(settings, "selfhelp_vaults");
            Assert.Equal(-1, IndexOf(vaults, gone));
            Assert.NotEqual(-1, IndexOf(vaults, kept));
            Assert.Equal(-1, IndexOf(await RelationFileAsync(settings, "survey_drafts"), draft));
        }
    }

    private static async Task<List<(string Id, byte[] Marker)>> SubmitAsync(WaymarkDatabase database, Random random)
    {
        var submitted = new List<(string Id, byte[] Marker)>();
        for (var i = 0; i < Submissions; i++)
        {
            // Random ids as the survey flow makes them (16 random bytes in hex), from a seeded generator.
            var id = Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16));
            var marker = Marker($"zorblat-response-{i:D3}");
            var payload = Encoding.UTF8.GetBytes("{\"answers\":{\"why\":\"").Concat(marker).Concat(Encoding.UTF8.GetBytes("\"}}")).ToArray();
            // One commit per response: what a quiet server does, the worst case for arrival order.
            Assert.True(await database.SurveyResponses.AddAsync(new StoredResponse(id, "demo", new DateOnly(2026, 12, 6), false, payload, string.Empty)));
            submitted.Add((id, marker));
        }

        return submitted;
    }

    /// <summary>A marker padded to 300 bytes, so that sixty rows fill several pages.</summary>
    private static byte[] Marker(string text) => Encoding.ASCII.GetBytes(text + ":" + new string('x', 300 - text.Length - 1));

    private static byte[] Lookup(byte fill) => Enumerable.Repeat(fill, SelfHelpVaultStore.LookupLength).ToArray();

    private static long LogLength(StorageSettings settings) =>
        File.Exists(settings.SqlitePath + "-wal") ? new FileInfo(settings.SqlitePath + "-wal").Length : 0;

    private static SortedDictionary<string, byte[]> ReadDataFolder(string folder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            // Shared read: the database is open, as it is on a running server.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[Path.GetFileName(path)] = copy.ToArray();
        }

        Assert.Contains("waymark.db", files.Keys);
        return files;
    }

    /// <summary>Every place of <paramref name="marker"/> across the files, as one position (files in name order, end to end).</summary>
    private static List<double> FindAll(SortedDictionary<string, byte[]> files, byte[] marker)
    {
        var found = new List<double>();
        long start = 0;
        foreach (var bytes in files.Values)
        {
            for (var at = 0; at < bytes.Length;)
            {
                var relative = bytes.AsSpan(at).IndexOf(marker);
                if (relative < 0)
                {
                    break;
                }

                found.Add(start + at + relative);
                at += relative + 1;
            }

            start += bytes.Length;
        }

        return found;
    }

    private static int IndexOf(byte[] bytes, byte[] marker) => bytes.AsSpan().IndexOf(marker);

    private void AssertNoOrder(string what, IReadOnlyList<double> positions)
    {
        var rho = Spearman(positions);
        output.WriteLine($"{what}: ρ = {rho.ToString("F3", CultureInfo.InvariantCulture)}");
        Assert.True(Math.Abs(rho) < CriticalRho, $"{what} follows the order of submission: Spearman ρ = {rho.ToString("F3", CultureInfo.InvariantCulture)} (critical {CriticalRho})");
    }

    /// <summary>Spearman's ρ between the order of the list (submission) and the values, with tied values given their mean rank; 0 when all tie.</summary>
    private static double Spearman(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n < 2)
        {
            return 0;
        }

        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0;
            }

            i = j + 1;
        }

        var mean = (n - 1) / 2.0;
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < n; i++)
        {
            covariance += (i - mean) * (ranks[i] - mean);
            varianceX += (i - mean) * (i - mean);
            varianceY += (ranks[i] - mean) * (ranks[i] - mean);
        }

        return varianceY == 0 ? 0 : covariance / Math.Sqrt(varianceX * varianceY);
    }

    private sealed record HeapPlace(double Ctid, double Xmin);

    private static async Task<Dictionary<string, HeapPlace>> HeapPlacesAsync(StorageSettings settings)
    {
        await using var source = NpgsqlDataSource.Create(settings.PostgresConnectionString!);
        await using var command = source.CreateCommand("SELECT id, (ctid::text::point)[0], (ctid::text::point)[1], xmin::text FROM survey_responses");
        await using var reader = await command.ExecuteReaderAsync();
        var places = new Dictionary<string, HeapPlace>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            places[reader.GetString(0)] = new HeapPlace(reader.GetDouble(1) * 1_000 + reader.GetDouble(2), double.Parse(reader.GetString(3), CultureInfo.InvariantCulture));
        }

        return places;
    }

    /// <summary>The bytes of a table's heap file on the server's disk (the test cluster's superuser may read it), after a checkpoint.</summary>
    private static async Task<byte[]> RelationFileAsync(StorageSettings settings, string table)
    {
        await using var source = NpgsqlDataSource.Create(settings.PostgresConnectionString!);
        await using (var checkpoint = source.CreateCommand("CHECKPOINT"))
        {
            await checkpoint.ExecuteNonQueryAsync();
        }

        await using var command = source.CreateCommand($"SELECT pg_read_binary_file(pg_relation_filepath('{table}'))");
        return (byte[])(await command.ExecuteScalarAsync())!;
    }
}
