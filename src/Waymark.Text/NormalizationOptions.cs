namespace Waymark.Text;

/// <summary>
/// How text and patterns are normalised before matching. Case is always folded and whitespace runs
/// always become one space; these options add to that.
/// </summary>
/// <param name="RemoveDiacritics">Drop nonspacing marks after canonical decomposition, so "café" matches "cafe".</param>
/// <param name="PunctuationAsSeparator">
/// Treat punctuation (except connector punctuation such as "_") and symbols like whitespace, so "feel,alone"
/// matches the phrase "feel alone".
/// </param>
public readonly record struct NormalizationOptions(bool RemoveDiacritics = false, bool PunctuationAsSeparator = false);
