"""GET /api/v1/complaints/{id}/suggestions: the dispatch suggestions and possible repeats of a
complaint, for those who triage (mounted on the API in xiaoneng/api/main.py)."""

from __future__ import annotations

import datetime

from ninja import Field, Path, Router, Schema

from xiaoneng.api.errors import READ_ERRORS, forbidden, not_found
from xiaoneng.complaints.actions import visible_complaints

router = Router(tags=["dispatch"])


class UnitGuessOut(Schema):
    code: str
    unit_name: str
    confidence: float = Field(..., ge=0, le=1)


class CategoryGuessOut(Schema):
    code: str
    label: str
    confidence: float = Field(..., ge=0, le=1)


class ModelOut(Schema):
    trained_at: datetime.datetime
    examples: int = Field(..., description="assigned complaints learned from")
    unit_top1: float | None = Field(None, description="top-1 accuracy on the held-out later months")
    unit_top3: float | None = None
    baseline_top1: float | None = Field(None, description="always the most frequent unit, same test")


class RepeatOut(Schema):
    id: str = Field(..., description="public number of the earlier complaint's matter")
    tracking_code: str
    received_at: datetime.datetime
    state: str
    similarity: float = Field(..., description="cosine similarity of the texts, 0..1")
    same_phone: bool = Field(..., description="same reporter phone (through its keyed hash only)")
    same_unit: bool


class SuggestionsOut(Schema):
    units: list[UnitGuessOut] = Field(..., description="at most three, most likely first")
    categories: list[CategoryGuessOut]
    model: ModelOut | None = Field(..., description="null before any training: no suggestions")
    repeats: list[RepeatOut]


@router.get("/complaints/{id}/suggestions", response={200: SuggestionsOut, **READ_ERRORS},
            summary="Suggested units and categories, and possible repeats (staff decide)")
def complaint_suggestions(request, id: str = Path(..., max_length=40, pattern=r"^[0-9A-Za-z]+$")):
    from xiaoneng.dispatch.service import may_triage, suggest, visible_repeats  # scikit-learn on first use

    user = request.auth
    if not may_triage(user):
        raise forbidden()
    complaint = (visible_complaints(user).select_related("matter", "matter__unit", "accused_unit")
                 .filter(matter__public_id=id).first())
    if complaint is None:
        raise not_found()
    found = suggest(complaint)
    meta = found.meta if found else None
    return {
        "units": [{"code": g.unit.code, "unit_name": g.unit.name, "confidence": g.confidence}
                  for g in (found.units if found else [])],
        "categories": [{"code": g.code, "label": g.label, "confidence": g.confidence}
                       for g in (found.categories if found else [])],
        "model": meta and {key: meta.get(key) for key in
                           ("trained_at", "examples", "unit_top1", "unit_top3", "baseline_top1")},
        "repeats": [{"id": r.complaint.matter.public_id, "tracking_code": r.complaint.tracking_code,
                     "received_at": r.complaint.matter.received_at, "state": r.complaint.matter.state,
                     "similarity": r.similarity, "same_phone": r.same_phone, "same_unit": r.same_unit}
                    for r in ([] if complaint.duplicate_of_id else visible_repeats(complaint, user))],
    }
