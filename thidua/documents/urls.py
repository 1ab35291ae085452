from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("xac-thuc/<str:code>", views.verify, name="verify"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("van-ban/<int:pk>/ban-ky-so/", views.signed_upload, name="signed_upload"),
    path("van-ban/<int:pk>/ky-ban-sao/", views.sign_copy, name="sign_copy"),
    path("van-ban/<int:pk>/phien-ban/<int:number>.pdf", views.version_download, name="version"),
]
