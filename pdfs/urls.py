from django.urls import path

from . import views

app_name = "pdfs"

urlpatterns = [path("<int:page_id>/", views.analysis_pdf, name="analysis")]
