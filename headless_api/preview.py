"""Headless preview: signed, short-lived, revocable tokens naming a draft.

The admin's preview (when FRONTEND_PREVIEW_URL is set) stores the page being edited as
a PreviewGrant and redirects to the front end with ``?token=…``. The token is the grant's
key signed with a TimestampSigner (SECRET_KEY, a salt of its own): tampering breaks the
signature, age beyond API_PREVIEW_TOKEN_MAX_AGE expires it, and revoking (or deleting)
the grant invalidates it before then.
"""

import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.utils import timezone

from core.localization import language_code_for

from .errors import InvalidToken
from .models import PreviewGrant

SALT = "headless_api.preview"


def max_age():
    return int(getattr(settings, "API_PREVIEW_TOKEN_MAX_AGE", 1800))


def _signer():
    return signing.TimestampSigner(salt=SALT)


def issue_token(page, user=None):
    """A token for the draft ``page`` as it is now (saved or not)."""
    now = timezone.now()
    # Expired grants are useless; clear them as new ones are made.
    PreviewGrant.objects.filter(expires_at__lt=now).delete()
    grant = PreviewGrant.objects.create(
        key=secrets.token_urlsafe(24),
        page_id=page.pk,
        page_type=page._meta.label_lower,
        content=page.serializable_data(),
        created_by=user if user is not None and user.is_authenticated else None,
        expires_at=now + timedelta(seconds=max_age()),
    )
    return _signer().sign(grant.key)


def _grant_for(token):
    if not token:
        raise InvalidToken("A preview token is required.")
    try:
        key = _signer().unsign(token, max_age=max_age())
    except signing.SignatureExpired as exc:
        raise InvalidToken("The preview token has expired; open the preview again.") from exc
    except signing.BadSignature as exc:
        raise InvalidToken("The preview token is not valid.") from exc
    grant = PreviewGrant.objects.filter(key=key).first()
    if grant is None or grant.revoked_at is not None:
        raise InvalidToken("The preview token has been revoked.")
    if grant.expires_at <= timezone.now():
        raise InvalidToken("The preview token has expired; open the preview again.")
    return grant


def draft_for(token):
    """The draft page a valid token names, rebuilt in memory (child relations included).

    Raises InvalidToken for a missing, malformed, tampered, expired or revoked token."""
    grant = _grant_for(token)
    try:
        model = apps.get_model(grant.page_type)
    except LookupError as exc:
        raise InvalidToken("The preview token names an unknown page type.") from exc
    return model.from_serializable_data(grant.content)


def revoke_token(token):
    """Revoke one token (a signature check first, so a forged token revokes nothing)."""
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        return 0
    return PreviewGrant.objects.filter(key=key, revoked_at=None).update(revoked_at=timezone.now())


def revoke_page_tokens(page):
    """Revoke every token for ``page`` (e.g. after it is published or when access changes)."""
    return PreviewGrant.objects.filter(page_id=page.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )


def front_end_preview_url(page, token):
    """The front end's preview URL for ``token`` (FRONTEND_PREVIEW_URL + query)."""
    base = settings.FRONTEND_PREVIEW_URL
    query = urlencode(
        {
            "token": token,
            "type": page._meta.label_lower,
            "locale": language_code_for(page.locale_id) if page.locale_id else "",
        }
    )
    return f"{base}{'&' if '?' in base else '?'}{query}"
