"""三百工程 outreach: programmes, tiers, pairings, visits and quotas (issue 7)."""
