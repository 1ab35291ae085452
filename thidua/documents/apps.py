from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = "Văn bản chính thức"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import fonts  # noqa: F401  (registers the system check of the print font)

        # Each app says which documents it issues (thidua/documents/issued.py: register(Source(...))).
        autodiscover_modules("issued_documents")
