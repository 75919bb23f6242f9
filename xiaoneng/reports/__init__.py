"""The leadership dashboard with server-rendered charts, and periodic reports (issue 10)."""
