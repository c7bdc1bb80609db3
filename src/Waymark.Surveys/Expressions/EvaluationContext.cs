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

    /// <summary>
    /// The values of <c>${name}</c> as a node-set (<c>count()</c>, <c>sum()</c>, <c>join()</c>, …): one per instance for a
    /// question of a repeat read from outside it, one per instance for a repeat itself, else the one value.
    /// </summary>
    IReadOnlyList<XValue> Values(string name) => [Reference(name)];

    /// <summary><c>indexed-repeat(${name}, ${repeat}, instance)</c>: the answer in that instance (1-based); empty when there is none.</summary>
    XValue Indexed(string name, int instance) => instance == 1 ? Reference(name) : XValue.Empty;

    /// <summary><c>position(..)</c>: the 1-based number of the repeat instance being evaluated; NaN outside repeats.</summary>
    double Position => double.NaN;

    /// <summary>The date <c>today()</c> returns; the caller decides it (TimeProvider, UTC), so tests are repeatable.</summary>
    DateOnly Today { get; }
}
