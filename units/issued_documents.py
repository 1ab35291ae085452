"""Who is staff of an issuer, for the issued documents core (thidua/documents/issued.py imports no app)."""

from thidua.documents.issued import set_scope

from .selectors import organization_ids_for

set_scope(organization_ids_for)
