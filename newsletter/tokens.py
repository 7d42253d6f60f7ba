"""Signed links in the newsletter's emails: confirm (valid for CONFIRM_DAYS) and
unsubscribe (valid as long as the subscriber exists). A token names the subscriber and the
action, so a confirmation link cannot unsubscribe and the reverse."""

from django.core import signing

SALT = "newsletter"
CONFIRM_DAYS = 7


def make(subscriber, action):
    return signing.dumps({"s": subscriber.pk, "a": action, "e": subscriber.email}, salt=SALT)


def read(token, action):
    """The subscriber id a token names for ``action``; raises signing.BadSignature
    (signing.SignatureExpired when a confirmation link is too old)."""
    max_age = CONFIRM_DAYS * 86400 if action == "confirm" else None
    data = signing.loads(token, salt=SALT, max_age=max_age)
    if data.get("a") != action:
        raise signing.BadSignature("token for another action")
    return data["s"], data["e"]
