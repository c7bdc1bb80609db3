namespace Waymark.Surveys.Expressions;

/// <summary>What an expression can see while it is evaluated: other answers, the current answer, a choice's columns, today's date.</summary>
public interface IEvaluationContext
{
    /// <summary>The typed value of <c>${name}</c>: empty string when unanswered, a number for integer/decimal answers.</summary>
    XValue Reference(string name);

    /// <summary>The value of <c>.</c> (the answer being checked by a constraint).</summary>
    XValue Current { get; }

    /// <summary>A column of the choice being filtered (<c>choice_filter</c>); empty string when the column is absent.</summary>
    XValue ChoiceColumn(string name);

    /// <summary>
    /// <c>jr:choice-name(value, '${question}')</c>: the label of choice <paramref name="choice"/> of the select
    /// <paramref name="question"/> in the language being shown; empty when the value is not one of its choices.
    /// </summary>
    string ChoiceLabel(string question, string choice);

    /// <summary>The date <c>today()</c> returns; the caller decides it (TimeProvider, UTC), so tests are repeatable.</summary>
    DateOnly Today { get; }
}
