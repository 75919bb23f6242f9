"""Window service supervision: items, cases, queue tickets, ratings (好差评), stars (issue 8)."""
