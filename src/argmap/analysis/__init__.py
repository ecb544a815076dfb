"""Analysis of a model: the networkx graph, Dung semantics, comparisons, diffs and statistics."""
