"""The page a locked-out admin sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_message(cooloff):
    """What a locked-out person reads; ``cooloff`` is AXES_COOLOFF_TIME (a timedelta)."""
    minutes = max(1, round(cooloff.total_seconds() / 60))
    return ngettext(
        "Too many failed sign-in attempts: sign-in is locked for %(minutes)d minute. "
        "An administrator can unlock it sooner.",
        "Too many failed sign-in attempts: sign-in is locked for %(minutes)d minutes. "
        "An administrator can unlock it sooner.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in page shell with the lockout message, status 429."""
    return render(
        request,
        "deployment/lockout.html",
        {"message": lockout_message(settings.AXES_COOLOFF_TIME)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
