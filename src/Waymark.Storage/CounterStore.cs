using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// Coarse, aggregated counters by name, UTC day and one small dimension (such as a language
/// code). The only kind of usage record Waymark keeps about anonymous visitors.
/// </summary>
public sealed class CounterStore
{
    private readonly WaymarkDatabase _database;

    internal CounterStore(WaymarkDatabase database) => _database = database;

    /// <summary>Adds each increment to its counter in one transaction of its own (never with a response), then truncates SQLite's log.</summary>
    public async Task AddAsync(IReadOnlyCollection<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(increments);
        if (increments.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO counters (name, day, dimension, count) VALUES (@name, @day, @dimension, @count)
            ON CONFLICT (name, day, dimension) DO UPDATE SET count = counters.count + excluded.count
            """;
        var name = command.CreateParameter();
        name.ParameterName = "name";
        var day = command.CreateParameter();
        day.ParameterName = "day";
        var dimension = command.CreateParameter();
        dimension.ParameterName = "dimension";
        var count = command.CreateParameter();
        count.ParameterName = "count";
        command.Parameters.AddRange(new[] { name, day, dimension, count });

        foreach (var increment in increments)
        {
            increment.Validate();
            name.Value = increment.Name;
            day.Value = increment.Day;
            dimension.Value = increment.Dimension;
            count.Value = increment.Count;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _database.TruncateLogAsync(connection).ConfigureAwait(false);
    }

    /// <summary>Every counter with the given name, ordered by day and dimension.</summary>
    public Task<IReadOnlyList<CounterValue>> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        QueryAsync("name = @name", "name", name, cancellationToken);

    /// <summary>Every counter whose name starts with <paramref name="prefix"/>, ordered by name, day and dimension.</summary>
    public Task<IReadOnlyList<CounterValue>> ReadByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return QueryAsync($"substr(name, 1, {prefix.Length.ToString(CultureInfo.InvariantCulture)}) = @prefix", "prefix", prefix, cancellationToken);
    }

    private async Task<IReadOnlyList<CounterValue>> QueryAsync(string where, string parameter, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, day, dimension, count FROM counters WHERE {where} ORDER BY name, day, dimension";
        Migrator.AddParameter(command, parameter, value);
        var values = new List<CounterValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(new CounterValue(
                reader.GetString(0),
                reader.GetFieldValue<DateOnly>(1),
                reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }

        return values;
    }
}

/// <summary>An amount to add to one counter.</summary>
public sealed record CounterIncrement(string Name, DateOnly Day, string Dimension, long Count)
{
    /// <summary>Longest name or dimension accepted: counters hold labels, never free text.</summary>
    public const int MaxLabelLength = 64;

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > MaxLabelLength || Dimension is null || Dimension.Length > MaxLabelLength)
        {
            throw new ArgumentException($"Counter name and dimension must be 1 to {MaxLabelLength} characters.");
        }

        if (Count <= 0)
        {
            throw new ArgumentException("A counter increment must be positive.");
        }
    }
}

/// <summary>The value of one counter on one day.</summary>
public sealed record CounterValue(string Name, DateOnly Day, string Dimension, long Count);
