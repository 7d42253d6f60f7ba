"""Public URLs of the podcasts app outside the page tree (no language prefix)."""

from django.urls import path

from . import views

app_name = "podcasts"
urlpatterns = [
    path("audio-video/<int:pk>/<str:filename>", views.media_file, name="media_file"),
    path(
        "audio-video/<int:pk>/captions/<str:filename>",
        views.media_captions,
        name="media_captions",
    ),
]
