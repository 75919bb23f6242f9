"""公开承诺 public commitments: campaigns, unit commitments, fulfilment (践诺) checks (issue 6)."""
