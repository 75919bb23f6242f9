"""问责 accountability records, referrals and unit regulations (issue 9)."""
