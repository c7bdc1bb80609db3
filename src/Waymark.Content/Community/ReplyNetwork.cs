namespace Waymark.Content.Community;

/// <summary>
/// A directed weighted graph of who replied to whom (edge replier → replied-to author, weight = replies) and
/// its measures: degrees, Brandes betweenness (directed, unweighted: a reply is one step however often it
/// happened), PageRank (weighted, damping 0.85, dangling mass spread evenly) and k-core numbers (undirected).
/// </summary>
internal sealed class ReplyNetwork
{
    private readonly Dictionary<(int From, int To), int> _weights = [];

    public ReplyNetwork(int nodes)
    {
        NodeCount = nodes;
    }

    public int NodeCount { get; }

    public IReadOnlyDictionary<(int From, int To), int> Edges => _weights;

    public void AddReply(int from, int to)
    {
        if (from != to)
        {
            _weights[(from, to)] = _weights.GetValueOrDefault((from, to)) + 1;
        }
    }

    public int[] OutDegree() => Count(e => e.From);

    public int[] InDegree() => Count(e => e.To);

    public int[] OutWeight() => Sum(e => e.From);

    public int[] InWeight() => Sum(e => e.To);

    /// <summary>Brandes (2001) for unweighted directed graphs: O(V·E).</summary>
    public double[] Betweenness()
    {
        var successors = Adjacency(directed: true);
        var centrality = new double[NodeCount];
        var stack = new Stack<int>();
        var predecessors = new List<int>[NodeCount];
        var sigma = new double[NodeCount];
        var distance = new int[NodeCount];
        var delta = new double[NodeCount];
        var queue = new Queue<int>();
        for (var s = 0; s < NodeCount; s++)
        {
            for (var v = 0; v < NodeCount; v++)
            {
                (predecessors[v] ??= []).Clear();
                sigma[v] = 0;
                distance[v] = -1;
                delta[v] = 0;
            }

            sigma[s] = 1;
            distance[s] = 0;
            queue.Enqueue(s);
            while (queue.Count > 0)
            {
                var v = queue.Dequeue();
                stack.Push(v);
                foreach (var w in successors[v])
                {
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        queue.Enqueue(w);
                    }

                    if (distance[w] == distance[v] + 1)
                    {
                        sigma[w] += sigma[v];
                        predecessors[w].Add(v);
                    }
                }
            }

            while (stack.Count > 0)
            {
                var w = stack.Pop();
                foreach (var v in predecessors[w])
                {
                    delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                }

                if (w != s)
                {
                    centrality[w] += delta[w];
                }
            }
        }

        return centrality;
    }

    /// <summary>Weighted PageRank by power iteration until the L1 change is below 1e-12 (at most 1,000 rounds).</summary>
    public double[] PageRank(double damping = 0.85)
    {
        var n = NodeCount;
        var rank = new double[n];
        if (n == 0)
        {
            return rank;
        }

        Array.Fill(rank, 1.0 / n);
        var outWeight = OutWeight();
        for (var round = 0; round < 1000; round++)
        {
            var next = new double[n];
            var dangling = 0.0;
            for (var v = 0; v < n; v++)
            {
                if (outWeight[v] == 0)
                {
                    dangling += rank[v];
                }
            }

            foreach (var ((from, to), weight) in _weights)
            {
                next[to] += damping * rank[from] * weight / outWeight[from];
            }

            var change = 0.0;
            for (var v = 0; v < n; v++)
            {
                next[v] += ((1 - damping) / n) + (damping * dangling / n);
                change += Math.Abs(next[v] - rank[v]);
            }

            rank = next;
            if (change < 1e-12)
            {
                break;
            }
        }

        return rank;
    }

    /// <summary>Core numbers of the undirected simple graph (Batagelj &amp; Zaversnik): peel nodes of least degree.</summary>
    public int[] CoreNumbers()
    {
        var neighbours = Adjacency(directed: false);
        var degree = neighbours.Select(n => n.Count).ToArray();
        var core = new int[NodeCount];
        var removed = new bool[NodeCount];
        var queue = new PriorityQueue<int, int>();
        for (var v = 0; v < NodeCount; v++)
        {
            queue.Enqueue(v, degree[v]);
        }

        var current = 0;
        while (queue.TryDequeue(out var v, out var d))
        {
            if (removed[v] || d != degree[v])
            {
                continue;
            }

            removed[v] = true;
            current = Math.Max(current, d);
            core[v] = current;
            foreach (var w in neighbours[v])
            {
                if (!removed[w])
                {
                    degree[w]--;
                    queue.Enqueue(w, degree[w]);
                }
            }
        }

        return core;
    }

    private List<int>[] Adjacency(bool directed)
    {
        var sets = new HashSet<int>[NodeCount];
        for (var v = 0; v < NodeCount; v++)
        {
            sets[v] = [];
        }

        foreach (var (from, to) in _weights.Keys)
        {
            sets[from].Add(to);
            if (!directed)
            {
                sets[to].Add(from);
            }
        }

        return [.. sets.Select(s => s.Order().ToList())];
    }

    private int[] Count(Func<(int From, int To), int> node)
    {
        var result = new int[NodeCount];
        foreach (var edge in _weights.Keys)
        {
            result[node(edge)]++;
        }

        return result;
    }

    private int[] Sum(Func<(int From, int To), int> node)
    {
        var result = new int[NodeCount];
        foreach (var (edge, weight) in _weights)
        {
            result[node(edge)] += weight;
        }

        return result;
    }
}
