"""Who may do what with review reports: rules said once (thidua.access), predicate and queryset filter alike."""

from campaigns.permissions import is_committee_staff

# Committee staff of the campaign's issuer build, edit, issue and read the campaign's review reports.
can_review = is_committee_staff  # asked of the campaign
can_view_review_report = is_committee_staff.via("campaign")  # asked of a report
