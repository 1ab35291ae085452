from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from campaigns.home import staff_section

        from .home import builds_in_progress

        staff_section(builds_in_progress)
