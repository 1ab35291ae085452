"""load_demo's last step: the demo's issued documents stored before verification codes (or with a fallback
font) are reprinted once; run `load_demo` again and nothing more is printed."""

from django.core.management import CommandError, call_command


def load(orgs, campaign, stdout=None):
    try:
        call_command("reprint_documents", run="load_demo", only_needed=True, stdout=stdout)
    except CommandError as exc:  # the font is missing: the demo loads, the old prints stay until it is installed
        if stdout is not None:
            stdout.write(f"Chưa in lại văn bản đã ban hành: {exc}")
