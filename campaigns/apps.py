from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from .unitdocs.core import autodiscover

        autodiscover()  # every kind of unit document registers itself (campaigns/unitdocs/kinds/)
