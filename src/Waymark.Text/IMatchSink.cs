namespace Waymark.Text;

/// <summary>Receives matches in normalised coordinates from the automaton; returns false to stop the scan.</summary>
internal interface IMatchSink
{
    bool Add(int patternId, int start, int length);
}
