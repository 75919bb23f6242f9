"""服务实绩 service achievements: quarterly declarations, screening, selection, public display (issue 6)."""
