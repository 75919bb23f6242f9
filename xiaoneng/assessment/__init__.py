"""Annual assessment: years, unit groups, rule catalogue, appeals (申诉) and standings (issue 9)."""
