from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.organization_tree_view, name="tree"),
    path("so-van-ban-di/", views.outgoing_register, name="outgoing_register"),
]
