from django.urls import path

from . import plan_views, progress_views, subplan_views, views

app_name = "campaigns"

urlpatterns = [
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/phat-dong/", views.campaign_launch, name="launch"),
    path("<int:pk>/ket-thuc/", views.campaign_close, name="close"),
    # Plans written in the browser by committee staff, or brought in from Word
    path("moi/", plan_views.plan_new, name="plan_new"),
    path("nhap-tu-word/", plan_views.plan_import, name="plan_import"),
    path("nhap-tu-word/luu/", plan_views.plan_import_save, name="plan_import_save"),
    path("nhap-tu-word/xem-truoc/", plan_views.plan_import_preview, name="plan_import_preview"),
    path("<int:pk>/soan/", plan_views.plan_edit, name="plan_edit"),
    path("<int:pk>/soan/xem-truoc/", plan_views.plan_preview, name="plan_preview"),
    path("<int:pk>/sao-chep/", plan_views.plan_copy, name="plan_copy"),
    # Units' sub-plans (kế hoạch của đơn vị)
    path("ke-hoach-cua-toi/", subplan_views.my_subplans, name="my_subplans"),
    path("cho-duyet/", subplan_views.review_queue, name="review_queue"),
    path("<int:pk>/ke-hoach-don-vi/", subplan_views.board, name="board"),
    path("<int:pk>/ke-hoach-don-vi/xuat-excel/", subplan_views.board_export, name="board_export"),
    path("<int:pk>/ke-hoach-don-vi/nhac-nho/", subplan_views.board_remind, name="board_remind"),
    path("<int:pk>/ke-hoach-don-vi/giao/", subplan_views.assign_units, name="assign_units"),
    path("ke-hoach-don-vi/<int:pk>/", subplan_views.subplan_detail, name="subplan"),
    path("ke-hoach-don-vi/<int:pk>/sua/", subplan_views.subplan_edit, name="subplan_edit"),
    path("ke-hoach-don-vi/<int:pk>/in/", subplan_views.subplan_pdf, name="subplan_pdf"),
    path("ke-hoach-don-vi/<int:pk>/han-nop/", subplan_views.subplan_due_date, name="subplan_due_date"),
    path("ke-hoach-don-vi/<int:pk>/chuyen/<slug:action>/", subplan_views.subplan_transition, name="subplan_transition"),
    path("ke-hoach-don-vi/<int:pk>/tep/", subplan_views.attachment_upload, name="subplan_upload"),
    path(
        "ke-hoach-don-vi/<int:pk>/tep/<int:attachment_pk>/",
        subplan_views.attachment_download,
        name="subplan_attachment",
    ),
    path(
        "ke-hoach-don-vi/<int:pk>/tep/<int:attachment_pk>/xoa/",
        subplan_views.attachment_delete,
        name="subplan_attachment_delete",
    ),
    # Units' progress reports (báo cáo sơ kết / tổng kết)
    path("<int:pk>/bao-cao-don-vi/<slug:kind>/", progress_views.report_board, name="report_board"),
    path("<int:pk>/bao-cao-don-vi/<slug:kind>/yeu-cau/", progress_views.request_reports, name="request_reports"),
    path("bao-cao-don-vi/<int:pk>/", progress_views.report_detail, name="report"),
    path("bao-cao-don-vi/<int:pk>/sua/", progress_views.report_edit, name="report_edit"),
    path("bao-cao-don-vi/<int:pk>/in/", progress_views.report_pdf, name="report_pdf"),
    path("bao-cao-don-vi/<int:pk>/han-nop/", progress_views.report_due_date, name="report_due_date"),
    path("bao-cao-don-vi/<int:pk>/chuyen/<slug:action>/", progress_views.report_transition, name="report_transition"),
    path("bao-cao-don-vi/<int:pk>/tep/", progress_views.report_upload, name="report_upload"),
    path(
        "bao-cao-don-vi/<int:pk>/tep/<int:attachment_pk>/", progress_views.report_attachment, name="report_attachment"
    ),
    path(
        "bao-cao-don-vi/<int:pk>/tep/<int:attachment_pk>/xoa/",
        progress_views.report_attachment_delete,
        name="report_attachment_delete",
    ),
]
