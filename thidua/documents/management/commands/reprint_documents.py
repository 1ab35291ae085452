from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thidua.documents.issued import SOURCES
from thidua.documents.reprint import adopt_all, new_run, reprint_many


class Command(BaseCommand):
    help = (
        "Reprint stored issued documents (decisions, certificates, final review reports, launched plans): a new "
        "stored version each, the old ones kept. One version per document and run: running again with the same "
        "--run prints nothing twice. Refused when the print font (Liberation Serif) is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=sorted(SOURCES), help="only these kinds (repeatable)")
        parser.add_argument("--id", action="append", type=int, dest="ids", help="only these IssuedDocument ids")
        parser.add_argument("--run", default="", help="name of the run (default: a new one)")
        parser.add_argument(
            "--only-needed",
            action="store_true",
            help="only documents stored before verification codes existed or with a fallback font",
        )
        parser.add_argument("--queue", action="store_true", help="one Celery task per document instead of here")

    def handle(self, *args, kind=None, ids=None, run="", only_needed=False, queue=False, **options):
        documents = adopt_all(kind)
        if ids:
            documents = [d for d in documents if d.pk in set(ids)]
        run = run or new_run("cmd")
        try:
            reprinted, queued, skipped = reprint_many(documents, run, queue=queue, only_needed=only_needed)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"In lại ({run}): {reprinted} văn bản, {queued} việc đã xếp hàng, {skipped} bỏ qua "
            f"(đã in trong lượt này hoặc không cần)."
        )
