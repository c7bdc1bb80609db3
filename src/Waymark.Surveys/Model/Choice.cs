namespace Waymark.Surveys;

/// <summary>One row of the choices sheet. <paramref name="Columns"/> holds the extra columns (used by choice_filter).</summary>
public sealed record Choice(string Name, LocalizedText Labels, IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>The choice name pyxform adds for <c>or_other</c>.</summary>
    public const string OtherName = "other";

    public Choice(string name, LocalizedText labels)
        : this(name, labels, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }
}
