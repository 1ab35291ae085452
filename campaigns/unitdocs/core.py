"""`DocumentKind`, the declaration of one kind of unit document, and the registry of kinds.

A kind is declared once, in `campaigns/unitdocs/kinds/<name>.py`, by calling `register(DocumentKind(...))`;
every module of that package is imported when the app is ready (`autodiscover`), so a new kind is found
without touching a list anywhere.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from thidua.workflow import Workflow

from ..enums import DocumentStatus
from ..permissions import can_review_document, can_write_document

NEXT_STEP = {
    DocumentStatus.DRAFT: "Soạn, đính kèm bản ký và nộp",
    DocumentStatus.RETURNED: "Sửa theo ý kiến trả lại và nộp lại",
    DocumentStatus.SUBMITTED: "Chờ Văn phòng xét duyệt (có thể rút lại để sửa)",
    DocumentStatus.APPROVED: "Đã xong",
}


@dataclass(kw_only=True, eq=False)
class DocumentKind:
    """What one kind of unit document supplies; the core (services, selectors, views, URLs, templates, board,
    review workflow, mail) does the rest.

    Only `key`, `model`, `log_model`, `slug`, `labels`, `form`, `save_parts`, `digest`, `checklist`, `document`,
    `parts_template`, `print_template` and `print_title` are required.
    """

    # --- Identity -------------------------------------------------------------------------------------------
    key: str  # "subplan": URL names campaigns:<key>, <key>_edit, <key>_board…; element ids "<key>-pdf"…
    model: type  # a subclass of campaigns.models.UnitDocument (unit, campaign, state, version, due date…)
    log_model: type  # its TransitionLogBase subclass (with `notified_at`), related_name "logs"
    slug: str  # URL segment: /phong-trao/<slug>/<pk>/ (one document), /phong-trao/<campaign>/<slug>/ (board)
    labels: dict  # "noun" (kế hoạch), "plural" (Kế hoạch của đơn vị: lists), "board" (the board's title),
    # "code" (KH: type code in printed numbers), "type" (KẾ HOẠCH: printed type), "file" (ke-hoach: PDF name), "more" (what "Lưu và thêm dòng …" adds); "{variant}" in a label
    # is replaced by the variant's name in lower case (báo cáo {variant} -> báo cáo sơ kết)

    # --- The unit's side: edit form and its save ------------------------------------------------------------
    form: type  # Form(data=None, *, doc): fields `version`, `header()` (model fields), `parts()` (rest)
    save_parts: Callable  # (doc, parts) inside the version-checked save: write the kind's child rows
    digest: Callable  # (pk) -> everything that prints (tells a real change from a save that changed nothing)
    checklist: Callable  # (doc) -> [(label, done)]: what a submission needs (a signed scan: services.has_scan)
    document: Callable  # (doc) -> dict of reads the page and the print show (fixed number of queries)
    parts_template: str  # the kind's parts of the shared pages: `part` is "detail", "edit", "board", "empty"
    next_step: dict = field(default_factory=lambda: dict(NEXT_STEP))  # state -> what the unit does next

    # --- Print ----------------------------------------------------------------------------------------------
    print_template: str  # extends reports/print/base.html; gets `doc` (DocumentMeta), `obj` and `document`
    print_title: Callable  # (doc) -> the printed trích yếu
    print_name: str = ""  # context name of the document in the print template ("subplan"), besides `obj`

    # --- Workflow and who may do what ------------------------------------------------------------------------
    workflow: Workflow | None = None  # default: campaigns.workflows.review_workflow(log_model, mail)
    can_write: Callable = can_write_document  # (user, doc): the unit writes, submits, withdraws
    can_review: Callable = can_review_document  # (user, doc): the committee returns and approves
    mail_task: str = ""  # name of a task of campaigns.tasks taking (log_id) that mails one move; default: the
    # generic notify_document_transition(key, log_id)

    # --- Board ----------------------------------------------------------------------------------------------
    variants: type | None = None  # TextChoices on the model's `kind` field splitting the board (interim/final)
    board_units: Callable | None = None  # (campaign) -> documents whose units the board's menus offer (default:
    # the board's rows; progress reports: the units with a sub-plan, asked or not yet)
    board_context: Callable | None = None  # (campaign, variant, base queryset) -> extra board context
    remind: Callable | None = None  # (ids, actor_id, day iso) task: reminders from the board, if the kind has any
    extra_urls: tuple = ()  # (route, view, name): kind-specific pages (oblige units, ask for reports)
    url_aliases: dict = field(default_factory=dict)  # older URL name -> core URL name (bookmarks, links)
    context_name: str = ""  # old name of the document in page context, kept for tests ("subplan", "report")
    order: int = 100  # place on shared lists (the unit's documents, the review queue, the campaign's card)

    def __post_init__(self):
        if self.workflow is None:
            from ..workflows import review_workflow

            self.workflow = review_workflow(self.log_model, self.notify)

    def __repr__(self):
        return f"DocumentKind({self.key})"

    # --- Derived names -------------------------------------------------------------------------------------

    def url_name(self, view=""):
        return f"campaigns:{self.key}{'_' + view if view else ''}"

    def label(self, name, variant=None):
        text = self.labels[name]
        return " ".join(text.format(variant=variant.label.lower() if variant is not None else "").split())

    @property
    def noun(self):
        """The noun without a variant ("báo cáo"), for buttons and links."""
        return self.label("noun")

    @property
    def plural(self):
        return self.label("plural")

    def variant_of(self, doc):
        return self.variants(doc.kind) if self.variants is not None else None

    def notify(self, doc_pk, actor_pk, log_pk):
        """Workflow side effect: the mail of one move, through the outbox, after commit."""
        from thidua import outbox

        from .. import tasks

        if self.mail_task:
            outbox.send(getattr(tasks, self.mail_task), log_pk, label="thư thông báo")
        else:
            outbox.send(tasks.notify_document_transition, self.key, log_pk, label="thư thông báo")


_KINDS: dict[str, DocumentKind] = {}


def register(kind):
    if kind.key in _KINDS and _KINDS[kind.key].model is not kind.model:
        raise ValueError(f"Two unit-document kinds named {kind.key!r}")
    _KINDS[kind.key] = kind
    kind.model.doc_kind_key = kind.key
    return kind


def autodiscover():
    """Import every module of `campaigns.unitdocs.kinds` (each registers its kind)."""
    from . import kinds

    for info in sorted(pkgutil.iter_modules(kinds.__path__), key=lambda m: m.name):
        importlib.import_module(f"{kinds.__name__}.{info.name}")


def all_kinds():
    """Every registered kind, in the order of `order` on the kinds' modules (sub-plans first)."""
    autodiscover()
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.key))


def get_kind(key):
    autodiscover()
    return _KINDS[key]


def kind_of(doc_or_model):
    """The kind of a document (or of its model)."""
    autodiscover()
    return _KINDS[doc_or_model.doc_kind_key]
