"""简报 the bulletin: issues, sections, submissions (供稿), drafts from data, exports (issue 10)."""
