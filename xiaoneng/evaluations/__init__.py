"""评议 evaluations: rounds, rater groups, dimensions, one-time ballots, best and worst (issue 9)."""
