"""load_demo's last step: the demo's issued documents stored before verification codes (or with a fallback
font) are reprinted once; run `load_demo` again and nothing more is printed."""

from django.core.management import call_command


def load(orgs, campaign, stdout=None):
    call_command("reprint_documents", run="load_demo", only_needed=True, stdout=stdout)
