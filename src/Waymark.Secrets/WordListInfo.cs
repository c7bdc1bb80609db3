namespace Waymark.Secrets;

/// <summary>
/// One recovery-phrase word list as the console's translation status page shows it: the site language it serves, where it
/// comes from, its review status (<c>published</c>, <c>machine-draft, needs native review</c> or <c>reviewed</c>), how many
/// words it reads (<paramref name="Words"/>, retired ones included), how many are retired (read, never drawn), how many
/// words a phrase has and the bits such a phrase carries.
/// </summary>
public sealed record WordListInfo(string Language, WordListSource Source, string Status, int Words, int Retired, int PhraseWords, double PhraseBits)
{
    /// <summary>True while the list is a machine draft no native reader has reviewed.</summary>
    public bool IsMachineDraft => Source == WordListSource.MachineDraft && Status != "reviewed";
}
