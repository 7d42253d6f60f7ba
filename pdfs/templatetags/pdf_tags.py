from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def pdf_url(page):
    """Where the PDF edition of an analysis page is served."""
    return reverse("pdfs:analysis", args=[page.pk])
