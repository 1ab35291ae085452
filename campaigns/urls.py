from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/phat-dong/", views.campaign_launch, name="launch"),
    path("<int:pk>/ket-thuc/", views.campaign_close, name="close"),
]
