from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("ke-hoach/<int:pk>.pdf", views.campaign_plan_pdf, name="campaign_plan_pdf"),
    path("ke-hoach/<int:pk>.docx", views.campaign_plan_docx, name="campaign_plan_docx"),
    path("phong-trao/<int:pk>/", views.review_list, name="review_list"),
    path("phong-trao/<int:pk>/tong-hop/", views.review_start, name="review_start"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/trang-thai/", views.review_status, name="review_status"),
    path("<int:pk>/noi-dung/", views.review_sections, name="review_sections"),
    path("<int:pk>/ban-hanh/", views.review_issue, name="review_issue"),
    path("<int:pk>/bao-cao.pdf", views.review_pdf, name="review_pdf"),
    path("<int:pk>/phu-luc.xlsx", views.review_xlsx, name="review_xlsx"),
    path("<int:pk>/bao-cao.docx", views.review_docx, name="review_docx"),
]
