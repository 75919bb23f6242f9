"""服务活动 service activities: participants and the figures they carry (issue 7)."""
