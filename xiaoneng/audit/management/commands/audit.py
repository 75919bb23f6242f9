"""xiaoneng audit search [--action A] [--actor U] [--since DATE] [--until DATE] [--target TEXT]
xiaoneng audit verify"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xiaoneng.audit.forms import AuditSearchForm
from xiaoneng.audit.log import verify_log
from xiaoneng.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Search the audit log, or verify its hash chain."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="task", required=True)
        search = sub.add_parser("search", help="print matching entries, newest first")
        search.add_argument("--action", help="action name or prefix (auth, identity.view)")
        search.add_argument("--actor", help="username (or part of it)")
        search.add_argument("--since", help="first day, YYYY-MM-DD")
        search.add_argument("--until", help="last day, YYYY-MM-DD")
        search.add_argument("--target", help="text in the target's name")
        search.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
        verify = sub.add_parser("verify", help="check that no entry was altered or removed")
        verify.add_argument("--expect-head", metavar="SEQ:HASH",
                            help="a head printed by an earlier verify: prove it is still in the log")

    def handle(self, *args, task: str, **options) -> None:
        if task == "verify":
            self.verify(options["expect_head"])
        else:
            self.search(options)

    def search(self, options: dict) -> None:
        form = AuditSearchForm({
            "action": options["action"] or "", "actor": options["actor"] or "",
            "since": options["since"] or "", "until": options["until"] or "", "q": options["target"] or "",
        })
        if not form.is_valid():
            errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
            raise CommandError(errors)
        entries = form.filter(AuditEntry.objects.order_by("-seq"))[: options["limit"]]
        for entry in entries.iterator(chunk_size=500):
            target = ""
            if entry.target_id:
                target = f"{entry.target_label()}:{entry.target_id} {entry.target_repr}"
            self.stdout.write(
                f"{entry.seq}\t{timezone.localtime(entry.at):%Y-%m-%d %H:%M:%S}\t{entry.action}\t"
                f"{entry.actor_username or '-'}\t{entry.ip or '-'}\t{target}\t{entry.detail or ''}"
            )

    def verify(self, expect_head: str | None) -> None:
        count = AuditEntry.objects.count()
        problems = list(verify_log())
        if expect_head:
            problems += self.check_head(expect_head)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"audit log, {count} entries: {len(problems)} problems", returncode=1)
        head = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        self.stdout.write(f"audit log, {count} entries: intact")
        if head:
            # Noted outside the server, this proves later that the log was not cut back.
            self.stdout.write(f"head {head[0]}:{head[1]}")

    def check_head(self, expect_head: str) -> list[str]:
        seq, _sep, hash_ = expect_head.partition(":")
        if not seq.isdigit() or not hash_:
            raise CommandError("--expect-head takes SEQ:HASH as printed by an earlier verify")
        current = AuditEntry.objects.filter(seq=int(seq)).values_list("hash", flat=True).first()
        if current is None:
            return [f"entry {seq} of the expected head is gone: the log was cut back"]
        if current != hash_:
            return [f"entry {seq} no longer has the expected head's hash: the log was rewritten"]
        return []
