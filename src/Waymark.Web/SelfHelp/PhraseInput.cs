using Microsoft.Extensions.Localization;
using Waymark.Secrets;
using Waymark.SelfHelp.Vault;

namespace Waymark.Web.SelfHelp;

/// <summary>A phrase typed into a form, read and turned into keys, or a message saying what is wrong with it.</summary>
internal static class PhraseInput
{
    internal const string FieldName = "phrase";

    public static async Task<(VaultKeys? Keys, string? Problem)> ReadAsync(string? typed, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reading = RecoveryPhrase.Parse(typed);
        return reading.Problem switch
        {
            PhraseProblem.None => (await VaultKeys.DeriveAsync(reading.Phrase!).ConfigureAwait(false), null),
            PhraseProblem.Empty => (null, text["Help.Error.Empty"]),
            PhraseProblem.WrongWordCount => (null, text["Help.Error.WordCount", RecoveryPhrase.DefaultWords, reading.WordCount]),
            _ => (null, text["Help.Error.UnknownWord", reading.UnknownWordPosition]),
        };
    }

    public static string MessageFor(VaultProblem problem, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return problem == VaultProblem.NotFound ? text["Help.Error.NotFound"] : text["Help.Error.Unreadable"];
    }
}
