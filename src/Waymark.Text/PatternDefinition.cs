namespace Waymark.Text;

/// <summary>One pattern in the caller's syntax, with the caller's id that every match of it carries.</summary>
/// <param name="Id">Any number chosen by the caller (a code's index, a list entry's row id); several patterns may share one.</param>
/// <param name="Pattern"><c>word</c>, <c>a phrase</c>, <c>prefix*</c> or <c>re:regex</c>.</param>
public readonly record struct PatternDefinition(int Id, string Pattern);
