"""The registration's workflow: the table every unit document shares (campaigns.workflows), its own log."""

from campaigns.workflows import review_workflow

from .models import RegistrationLog


def _notify_registration(registration_pk, actor_pk, log_pk):
    from thidua import outbox

    from .tasks import notify_registration_transition

    outbox.send(notify_registration_transition, log_pk, label="thư thông báo")


REGISTRATION_WORKFLOW = review_workflow(RegistrationLog, _notify_registration)
