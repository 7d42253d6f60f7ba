from django import template

from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/signup_form.html")
def newsletter_signup():
    """The footer's sign-up form (no CSRF token: see newsletter.views.subscribe)."""
    return {"form": SubscribeForm()}
