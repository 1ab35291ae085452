from django.apps import AppConfig


class ThiduaConfig(AppConfig):
    name = "thidua"
    verbose_name = "Thi đua"

    def ready(self):
        from . import validation

        validation.install()
