"""Enterprise support: watchlist, enterprise problems, warnings and the monthly 会办会 (issue 7)."""
