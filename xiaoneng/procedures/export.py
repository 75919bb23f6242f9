"""A case's complete archive as a .zip: manifest, summary, evidence files, trace events, verification."""

from __future__ import annotations

import json
import zipfile
from typing import BinaryIO

from django.template.loader import render_to_string
from django.utils import timezone

from xiaoneng.procedures.models import ProcedureCase
from xiaoneng.trace.chain import events_for, verify_subject


def _event_json(event) -> dict:
    return {
        "seq": event.seq, "kind": event.kind, "at": event.at.isoformat(),
        "actor": event.actor.username if event.actor else None, "data": event.data,
        "algorithm": event.algorithm, "prev_hash": event.prev_hash, "hash": event.hash,
        "attachments": [{"position": a.position, "name": a.name, "size": a.size, "digest": a.digest,
                         "path": f"evidence/{event.seq:03d}-{a.position}-{a.name}"}
                        for a in event.attachments.all()],
    }


def export_case(case: ProcedureCase, out: BinaryIO) -> dict:
    """Write the archive of `case` to `out`; returns the manifest."""
    events = list(events_for(case).select_related("actor").prefetch_related("attachments"))
    problems = verify_subject(case)
    trace = [_event_json(e) for e in events]
    steps = {c.step.order: c for c in case.completed_steps.select_related("step", "performer")}
    manifest = {
        "case": {"id": case.public_id, "title": case.title, "procedure": case.template.name,
                 "template": case.template.code, "unit": case.unit.name, "unit_code": case.unit.code,
                 "target": case.target.name if case.target else "", "state": case.state,
                 "opened_at": case.opened_at.isoformat(), "opened_by": case.opened_by.username},
        "steps": [
            {"order": s.order, "name": s.name, "required_evidence": s.evidence_kinds,
             "completed_at": steps[s.order].completed_at.isoformat() if s.order in steps else None,
             "performer": steps[s.order].performer.username if s.order in steps else None,
             "late": steps[s.order].late if s.order in steps else None}
            for s in case.steps()
        ],
        "files": [a["path"] for e in trace for a in e["attachments"]],
        "trace": {"events": len(events), "verified": not problems, "problems": problems},
        "exported_at": timezone.now().isoformat(),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("summary.html", render_to_string("procedures/archive_summary.html", {
            "case": case, "manifest": manifest, "events": events, "problems": problems}))
        archive.writestr("trace/events.json", json.dumps(trace, ensure_ascii=False, indent=2))
        archive.writestr("trace/verification.json", json.dumps(
            {"verified": not problems, "problems": problems, "events": len(events)}, ensure_ascii=False))
        for event in events:
            for attachment in event.attachments.all():
                try:
                    with attachment.file.open("rb") as handle:
                        archive.writestr(f"evidence/{event.seq:03d}-{attachment.position}-{attachment.name}",
                                         handle.read())
                except (FileNotFoundError, OSError, ValueError):
                    continue  # the verification result already names the missing file
    return manifest
