from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("phong-trao/<int:campaign_pk>/", views.campaign_nominations, name="campaign"),
    path("phong-trao/<int:campaign_pk>/de-nghi-moi/", views.nomination_create, name="nomination_create"),
    path("phong-trao/<int:campaign_pk>/nhap-excel/", views.nominee_import, name="import"),
    path("nhap-excel/<int:pk>/", views.import_preview, name="import_preview"),
    path("nhap-excel/<int:pk>/quyet-dinh/", views.import_decide, name="import_decide"),
    path("phong-trao/<int:campaign_pk>/xuat-excel/", views.nominee_export, name="export"),
    path("phong-trao/<int:campaign_pk>/phien-hop-moi/", views.session_create, name="session_create"),
    path("phong-trao/<int:campaign_pk>/quyet-dinh-moi/", views.decision_create, name="decision_create"),
    path("phong-trao/<int:campaign_pk>/to-trinh-cap-tren/", views.proposal_upward, name="proposal_upward"),
    path("phong-trao/<int:campaign_pk>/cong-khai/", views.publication_list, name="publications"),
    path("cong-khai/<int:pk>/", views.publication_detail, name="publication"),
    path("cong-khai/<int:pk>/y-kien/", views.publication_comment, name="publication_comment"),
    path("cong-khai/xem/<uuid:token>/", views.public_publication, name="public_publication"),
    path("de-nghi/<int:pk>/", views.nomination_detail, name="nomination"),
    path("de-nghi/<int:pk>/sua/", views.nomination_edit, name="nomination_edit"),
    path("de-nghi/<int:pk>/xoa/", views.nomination_delete, name="nomination_delete"),
    path("de-nghi/<int:pk>/ho-so/", views.dossier_upload, name="dossier_upload"),
    path("de-nghi/<int:pk>/dua-ra-hoi-dong/", views.nomination_to_council, name="to_council"),
    path("de-nghi/<int:pk>/<slug:action>/", views.nomination_transition, name="transition"),
    path("ho-so/<int:file_pk>/", views.dossier_download, name="dossier_download"),
    path("hoi-dong/", views.session_list, name="sessions"),
    path("hoi-dong/<int:pk>/", views.session_detail, name="session"),
    path("hoi-dong/<int:pk>/bo-phieu/<int:nomination_pk>/", views.session_vote, name="vote"),
    path("hoi-dong/<int:pk>/ket-thuc/", views.session_close, name="session_close"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<int:pk>/ban-in.pdf", views.decision_pdf, name="decision_pdf"),
    path("", views.awards_home, name="home"),
    path("so/", views.registry, name="registry"),
    path("so/xuat-excel/", views.registry_export, name="registry_export"),
    path("so/lich-su/", views.registry_history, name="history"),
    path("so/thong-ke/", views.registry_statistics, name="statistics"),
    path("so/bieu-mau/", views.official_forms, name="official_forms"),
    path("so/bieu-mau/0601/", views.form_0601, name="form_0601"),
    path("so/<int:pk>/thu-hoi-dinh-chinh/", views.award_amend, name="amend"),
    path("so/<int:pk>/giay-khen.pdf", views.certificate_pdf, name="certificate"),
]
