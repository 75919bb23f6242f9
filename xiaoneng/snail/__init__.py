"""蜗牛奖 the Snail Award: candidates, numbered batches, rectification and referral (issue 9)."""
