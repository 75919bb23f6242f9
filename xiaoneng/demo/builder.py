"""Build the demo county into the current database, step by step, deterministically.

The build is an ordered list of step functions (`STEPS`), each taking the shared
`DemoContext`. To add demo data for another mechanism, write a step in that app
(e.g. `xiaoneng/matters/demo.py: def build_matters(ctx): ...`) and append it to STEPS
below; read units with `ctx.unit("jtj")`, accounts with `ctx.accounts["jtj_liaison"]`,
the saved targets in `ctx.targets`, and draw every random choice from `ctx.rng`.
Before each step `ctx.rng` is reseeded from the seed and the step's name, so adding
a step never changes the data of another.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction

from xiaoneng.accountability.demo import build_accountability
from xiaoneng.achievements.demo import build_achievements
from xiaoneng.activities.demo import build_activities
from xiaoneng.assessment.demo import build_assessment
from xiaoneng.bulletin.demo import build_bulletin
from xiaoneng.commitments.demo import build_commitments
from xiaoneng.complaints.demo import build_complaints
from xiaoneng.demo import people, targets
from xiaoneng.demo.accounts import build_accounts
from xiaoneng.demo.county import unit_specs
from xiaoneng.demo.models import DemoBuild
from xiaoneng.dispatch.demo import build_dispatch
from xiaoneng.enterprises.demo import build_enterprises
from xiaoneng.evaluations.demo import build_evaluations
from xiaoneng.inspections.demo import build_inspections
from xiaoneng.matters.demo import build_matters
from xiaoneng.notices.demo import build_notices
from xiaoneng.org.models import Person, Target, Unit, User
from xiaoneng.outreach.demo import build_outreach
from xiaoneng.procedures.demo import build_procedures
from xiaoneng.reports.demo import build_reports
from xiaoneng.snail.demo import build_snail
from xiaoneng.windows.demo import build_windows

DEFAULT_SEED = 2013
DEFAULT_PASSWORD = "xiaoneng-demo"
MIN_PASSWORD_LENGTH = 8


class DemoError(RuntimeError):
    """The demo cannot be loaded into this database as asked."""


@dataclass
class DemoContext:
    seed: int
    password: str
    rng: random.Random
    # One hash for every account: hashing is deliberately slow, and the demo password is public.
    password_hash: str = ""
    units: dict[str, Unit] = field(default_factory=dict)
    accounts: dict[str, User] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)

    def unit(self, code: str) -> Unit:
        return self.units[code]

    def reseed(self, step_name: str) -> None:
        self.rng = random.Random(f"{self.seed}:{step_name}")


def build_units(ctx: DemoContext) -> None:
    """The organisation tree, created level by level with bulk inserts (paths need parents' keys)."""
    specs = unit_specs()
    depth: dict[str, int] = {}
    for spec in specs:
        depth[spec.code] = depth[spec.parent] + 1 if spec.parent else 0
    for level in range(max(depth.values()) + 1):
        batch = [
            Unit(code=s.code, name=s.name, short_name=s.short_name, kind=s.kind, is_key=s.is_key,
                 parent=ctx.units[s.parent] if s.parent else None, sort_order=s.sort_order,
                 valid_from=s.valid_from, valid_to=s.valid_to, path="")
            for s in specs if depth[s.code] == level
        ]
        Unit.objects.bulk_create(batch)
        for unit in batch:
            # The same materialised path Unit.save() writes: the parent's path, then our key.
            unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
            ctx.units[unit.code] = unit
        Unit.objects.bulk_update(batch, ["path"])
    ended = [s for s in specs if s.successor]
    for spec in ended:
        ctx.units[spec.code].successor = ctx.units[spec.successor]
    Unit.objects.bulk_update([ctx.units[s.code] for s in ended], ["successor"])


def build_persons(ctx: DemoContext) -> None:
    """Principal and leadership of every department, a chief and staff in every other unit."""
    batch: list[Person] = []
    for unit in ctx.units.values():
        batch += people.people_of(ctx.rng, unit)
    Person.objects.bulk_create(batch, batch_size=500)


def build_targets(ctx: DemoContext) -> None:
    """Listed enterprises, ¥100M-plus projects, microloan companies, sole traders and households."""
    ctx.targets = Target.objects.bulk_create(targets.demo_targets(ctx.rng), batch_size=500)


Step = Callable[[DemoContext], None]
STEPS: list[Step] = [
    build_units, build_persons, build_accounts, build_targets, build_matters, build_complaints,
    build_procedures, build_inspections,
    # Each mechanism's own step, in an order where a step may use what earlier ones made.
    build_commitments, build_achievements, build_outreach, build_enterprises, build_activities,
    build_windows, build_dispatch,
    build_assessment, build_evaluations, build_snail, build_accountability, build_notices,
    build_bulletin, build_reports,
]


def demo_salt(seed: int) -> str:
    rng = random.Random(f"{seed}:salt")
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                   for _ in range(22))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DemoError(f"the demo password must be at least {MIN_PASSWORD_LENGTH} characters long")


def is_loaded() -> bool:
    return DemoBuild.objects.exists()


def holds_other_data() -> bool:
    """Whether the database holds anything a demo build would mix with."""
    return not is_loaded() and any(
        model.objects.exists() for model in (Unit, Person, Target, User)
    )


def build_demo(seed: int = DEFAULT_SEED, password: str = DEFAULT_PASSWORD,
               steps: list[Step] | None = None) -> DemoContext:
    """Load the demo county into an empty, migrated database, in one transaction."""
    check_password(password)
    if is_loaded():
        raise DemoError("the demo is already loaded")
    if holds_other_data():
        raise DemoError("the database already holds data that is not the demo")
    ctx = DemoContext(seed, password, random.Random(seed),
                      password_hash=make_password(password, salt=demo_salt(seed)))
    with transaction.atomic():
        for step in STEPS if steps is None else steps:
            ctx.reseed(step.__name__)
            step(ctx)
        DemoBuild.objects.create(seed=seed)
    return ctx


def set_password(password: str) -> int:
    """Give every demo account a new password; returns how many accounts changed."""
    from xiaoneng.demo.accounts import DEMO_ACCOUNTS

    check_password(password)
    encoded = make_password(password)
    return User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).update(password=encoded)


def password_matches(password: str) -> bool:
    from xiaoneng.demo.accounts import DEMO_ACCOUNTS

    user = User.objects.filter(username=DEMO_ACCOUNTS[0].username).first()
    return user is not None and user.check_password(password)


def wipe_database(verbosity: int = 0) -> None:
    """Drop every table of a demo database and migrate afresh (data migrations run again)."""
    if not is_loaded():
        raise DemoError("refusing to wipe a database that does not hold the demo")
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    quoted = [connection.ops.quote_name(table) for table in tables]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(quoted)} CASCADE")
    else:
        with connection.constraint_checks_disabled(), connection.cursor() as cursor:
            for name in quoted:
                cursor.execute(f"DROP TABLE IF EXISTS {name}")
    ContentType.objects.clear_cache()
    call_command("migrate", interactive=False, verbosity=verbosity)
