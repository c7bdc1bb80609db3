using System.Globalization;
using Microsoft.Extensions.Localization;
using Waymark.Secrets;
using Waymark.SelfHelp.Vault;

namespace Waymark.Web.SelfHelp;

/// <summary>A phrase typed into a form, read and turned into keys, or a message saying what is wrong with it.</summary>
internal static class PhraseInput
{
    internal const string FieldName = "phrase";

    /// <summary>
    /// The keys of a typed phrase; otherwise a message, and <c>Busy</c> when the phrase was fine but
    /// too many derivations were running (then answer with <see cref="Busy"/>).
    /// </summary>
    public static async Task<(VaultKeys? Keys, string? Problem, bool Busy)> ReadAsync(string? typed, string language, IStringLocalizer text, PhraseKeys phraseKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(phraseKeys);
        // A phrase opens the vault whichever language it was given in (docs/adr/0031); the page language only decides
        // the length a problem report expects.
        var reading = RecoveryPhrase.ParseAnyList(typed, language);
        switch (reading.Problem)
        {
            case PhraseProblem.None:
                var keys = await phraseKeys.ForExistingAsync(reading.Phrase!, cancellationToken).ConfigureAwait(false);
                return keys is null ? (null, text["Help.Error.Busy"], true) : (keys, null, false);
            case PhraseProblem.Empty:
                return (null, text["Help.Error.Empty"], false);
            case PhraseProblem.WrongWordCount:
                return (null, text["Help.Error.WordCount", reading.ExpectedWords, reading.WordCount], false);
            default:
                return (null, text["Help.Error.UnknownWord", reading.UnknownWordPosition], false);
        }
    }

    /// <summary>Marks the response "busy, try again" (503 with <c>Retry-After</c>) and returns the message to show.</summary>
    public static string Busy(HttpResponse response, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(text);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = DerivationGate.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return text["Help.Error.Busy"];
    }

    public static string MessageFor(VaultProblem problem, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return problem == VaultProblem.NotFound ? text["Help.Error.NotFound"] : text["Help.Error.Unreadable"];
    }
}
