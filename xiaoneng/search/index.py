"""Keeping the index and searching it.

`index_matter(matter)` rewrites one matter's terms; the matter actions call it (through
xiaoneng.search.hooks) in the same transaction that changes the text, so the index never
lags. `reindex()` rebuilds in batches for `xiaoneng search reindex`. `search_matters()`
filters an already scoped queryset, so whatever the caller may see is all it can find.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from xiaoneng.matters.models import Matter
from xiaoneng.search.models import MatterTerm
from xiaoneng.search.text import index_terms, query_terms, terms_of_token, tokens

# Fields whose text is searched; "complaint__unit_text" is the redacted text a unit reads.
_FIELDS = ("title", "description", "reply", "complaint__unit_text")
# A long query needs only some of its terms to find candidates; the text check does the rest.
MAX_QUERY_TERMS = 8
# A term found in at most this many matters counts as rare: its matters are fetched by id.
RARE = 5000


def searchable_text(title: str, description: str, reply: str, unit_text: str | None) -> str:
    # Newlines keep the fields apart: no term spans the end of one and the start of the next.
    return "\n".join([title or "", description or "", reply or "", unit_text or ""])


def _unit_text(matter: Matter) -> str:
    try:
        return matter.complaint.unit_text
    except ObjectDoesNotExist:
        return ""


def index_matter(matter: Matter) -> None:
    """Replace the index terms of one matter with those of its current text."""
    text = searchable_text(matter.title, matter.description, matter.reply, _unit_text(matter))
    with transaction.atomic():
        MatterTerm.objects.filter(matter_id=matter.pk).delete()
        MatterTerm.objects.bulk_create(
            [MatterTerm(term=term, matter_id=matter.pk) for term in sorted(index_terms(text))]
        )


def _batches(matters: QuerySet, size: int) -> Iterator[list[tuple]]:
    """Keyset pagination by primary key: one batch in memory at a time, whatever the table size."""
    rows = matters.order_by("pk").values_list("pk", *_FIELDS)
    last = None
    while True:
        page = rows if last is None else rows.filter(pk__gt=last)
        batch = list(page[:size])
        if not batch:
            return
        yield batch
        last = batch[-1][0]


def reindex(matters: QuerySet | None = None, *, batch: int = 1000) -> Iterator[int]:
    """(Re)build the index of `matters` (default: all), one transaction per batch.

    Yields the number of matters done after each batch. Idempotent: a second run writes the
    same rows again.
    """
    matters = Matter.objects.all() if matters is None else matters
    done = 0
    for rows in _batches(matters, batch):
        ids = [row[0] for row in rows]
        with transaction.atomic():
            MatterTerm.objects.filter(matter_id__in=ids).delete()
            _write(_terms(rows))
        done += len(rows)
        yield done


def _terms(rows: Iterable[tuple]) -> list[tuple[str, int]]:
    return [(term, pk) for pk, *fields in rows for term in index_terms(searchable_text(*fields))]


def _write(terms: list[tuple[str, int]]) -> None:
    if connection.vendor == "postgresql":
        # COPY is several times faster than INSERT for the millions of rows of a city's rebuild;
        # the PostgreSQL-compatible domestic engines speak it too.
        table = connection.ops.quote_name(MatterTerm._meta.db_table)
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} (term, matter_id) FROM STDIN") as copy:
            for row in terms:
                copy.write_row(row)
    else:
        MatterTerm.objects.bulk_create([MatterTerm(term=t, matter_id=pk) for t, pk in terms], batch_size=5000)


def _text_check(token: str, *, full: bool) -> Q:
    """The token occurs in the text the searcher may read.

    Only county-wide viewers (`full`) match a complaint's original description once staff
    made a redacted text for the unit: otherwise a search would reveal what was redacted.
    """
    # Chinese and digits have no case: plain LIKE spares the database an UPPER() of every text.
    lookup = "icontains" if token.upper() != token else "contains"
    title, description, reply, unit_text = (Q(**{f"{f}__{lookup}": token}) for f in _FIELDS)
    if full:
        return title | description | reply | unit_text
    unredacted = Q(complaint__isnull=True) | Q(complaint__unit_text="")
    return title | reply | unit_text | (description & unredacted)


def _candidates(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """Narrow to the matters holding every term, starting from the rarest.

    A term of at most RARE matters has its matter ids fetched and intersected here, so the
    database reads them by primary key whatever its planner thinks of the text check; counting
    is capped at RARE + 1 index entries per term, so common terms cost no more than rare ones.
    When every term is common, subqueries leave the join order to the database.
    """
    sizes = {term: MatterTerm.objects.filter(term=term)[:RARE + 1].count() for term in terms}
    terms = sorted(terms, key=sizes.__getitem__)
    if sizes[terms[0]] > RARE:
        for term in terms:
            queryset = queryset.filter(pk__in=MatterTerm.objects.filter(term=term).values("matter_id"))
        return queryset
    ids = set(MatterTerm.objects.filter(term=terms[0]).values_list("matter_id", flat=True))
    for term in terms[1:]:
        if not ids:
            break
        having = MatterTerm.objects.filter(term=term, matter_id__in=ids)
        ids &= set(having.values_list("matter_id", flat=True))
    return queryset.filter(pk__in=sorted(ids))


def search_matters(queryset: QuerySet, text: str, *, user=None) -> QuerySet:
    """The matters of `queryset` whose text contains every word of `text`, newest first.

    Pass `user` so that county-wide viewers also match original texts that were redacted
    for the units; without it, the redacted view is searched (the safe default).
    """
    from xiaoneng.org.access import sees_all_units

    words = tokens(text)
    if not words:
        return queryset
    terms = query_terms(words)[:MAX_QUERY_TERMS]
    if terms:
        queryset = _candidates(queryset, terms)
    full = user is not None and sees_all_units(user)
    # A word that is exactly one index term (two Chinese characters, a short ASCII word) is
    # found exactly by the index; longer words need the text check (bigrams in that order?),
    # and so does every word for a unit's view (the index also holds redacted originals).
    checks = [_text_check(word, full=full) for word in words
              if not (full and terms_of_token(word) == [word] and word in terms)]
    if checks:
        queryset = queryset.filter(*checks)
    return queryset.order_by("-received_at", "-pk")
