"""Headless preview: signed, short-lived, revocable tokens naming a draft.

The admin's preview (when FRONTEND_PREVIEW_URL is set) stores the page being edited as
a PreviewGrant and redirects to the front end with ``?token=…``. The token is the grant's
key signed with a TimestampSigner (SECRET_KEY, a salt of its own): tampering breaks the
signature, age beyond API_PREVIEW_TOKEN_MAX_AGE expires it, and revoking (or deleting)
the grant invalidates it before then.

A token must not outlive the page state it was issued for: a draft previewed while a page
was public could otherwise still be read after the page turned private, moved or was
deleted. So a grant is bound to one page at one revision. The receivers below revoke it
when the page is published, unpublished, moved (it or an ancestor) or deleted, or when a
view restriction on it or an ancestor is saved or deleted; and a grant whose page has a
newer revision than the one it was issued at is refused.
"""

import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.localization import language_code_for

from .errors import InvalidToken
from .models import PreviewGrant, RevocationReason

SALT = "headless_api.preview"

_AGAIN = "open the preview again."
#: The 401 message for each revocation reason.
REVOKED_MESSAGES = {
    RevocationReason.REVOKED: "The preview token has been revoked.",
    RevocationReason.PUBLISHED: f"The page was published after this preview was opened; {_AGAIN}",
    RevocationReason.UNPUBLISHED: (
        f"The page was unpublished after this preview was opened; {_AGAIN}"
    ),
    RevocationReason.MOVED: f"The page was moved after this preview was opened; {_AGAIN}",
    RevocationReason.DELETED: "The page was deleted after this preview was opened.",
    RevocationReason.PRIVACY: f"The page's privacy changed after this preview was opened; {_AGAIN}",
}
SUPERSEDED_MESSAGE = (
    f"A newer revision of the page was saved after this preview was opened; {_AGAIN}"
)


def max_age():
    return int(getattr(settings, "API_PREVIEW_TOKEN_MAX_AGE", 1800))


def _signer():
    return signing.TimestampSigner(salt=SALT)


def _page_state(page):
    """(parent page id, latest revision id) of ``page`` as stored, read from the database
    rather than from the in-memory draft (whose fields come from a revision). A page being
    created has no row: its parent is the one the admin placed it under (its tree path)."""
    stored = Page.objects.filter(pk=page.pk).first() if page.pk else None
    if stored is None:
        parent = page.get_parent() if page.path and page.depth else None
        return (parent.pk if parent else None), None
    parent = stored.get_parent()
    return (parent.pk if parent else None), stored.latest_revision_id


def issue_token(page, user=None):
    """A token for the draft ``page`` as it is now (saved or not), bound to the page and
    to its latest revision."""
    now = timezone.now()
    # Expired grants are useless; clear them as new ones are made.
    PreviewGrant.objects.filter(expires_at__lt=now).delete()
    parent_id, revision_id = _page_state(page)
    grant = PreviewGrant.objects.create(
        key=secrets.token_urlsafe(24),
        page_id=page.pk,
        parent_page_id=parent_id,
        revision_id=revision_id,
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
    if grant is None:
        raise InvalidToken(REVOKED_MESSAGES[RevocationReason.REVOKED])
    if grant.revoked_at is not None:
        reason = grant.revoked_reason or RevocationReason.REVOKED
        raise InvalidToken(REVOKED_MESSAGES[reason])
    if grant.expires_at <= timezone.now():
        raise InvalidToken("The preview token has expired; open the preview again.")
    if grant.page_id is not None:
        # Checked on use rather than revoked on save: a revision saved by any code path
        # (admin, workflow, import, shell) counts, with no receiver to forget.
        latest = (
            Page.objects.filter(pk=grant.page_id)
            .values_list("latest_revision_id", flat=True)
            .first()
        )
        if latest != grant.revision_id:
            raise InvalidToken(SUPERSEDED_MESSAGE)
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


def _revoke(grants, reason):
    return grants.filter(revoked_at=None).update(revoked_at=timezone.now(), revoked_reason=reason)


def revoke_token(token):
    """Revoke one token (a signature check first, so a forged token revokes nothing)."""
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        return 0
    return _revoke(PreviewGrant.objects.filter(key=key), RevocationReason.REVOKED)


def revoke_page_tokens(page, reason=RevocationReason.REVOKED):
    """Revoke every token for ``page``; returns how many."""
    return _revoke(PreviewGrant.objects.filter(page_id=page.pk), reason)


def revoke_subtree_tokens(page, reason):
    """Revoke the tokens of ``page``, of every page below it, and of pages being created
    anywhere under it; returns how many. ``page.path`` must be the current tree path."""
    return _revoke(
        PreviewGrant.objects.filter(
            Q(page__path__startswith=page.path) | Q(parent_page__path__startswith=page.path)
        ),
        reason,
    )


def _on_published(instance, new_page=False, **kwargs):
    # ``new_page``: the importer publishes a page it created a moment ago (no token can
    # name it yet).
    if not new_page:
        revoke_page_tokens(instance, RevocationReason.PUBLISHED)


def _on_unpublished(instance, **kwargs):
    # Unpublishing with descendants sends this signal for each of them too.
    revoke_page_tokens(instance, RevocationReason.UNPUBLISHED)


def _on_moved(instance, parent_page_before, parent_page_after, **kwargs):
    # Reordering among siblings also sends post_page_move; the URL does not change then.
    if parent_page_before.pk != parent_page_after.pk:
        revoke_subtree_tokens(instance, RevocationReason.MOVED)


def _on_page_deleted(instance, **kwargs):
    # pre_delete reaches every page of a deleted subtree (the collector gathers them), and
    # runs before the grants' page and parent_page are set to NULL.
    _revoke(
        PreviewGrant.objects.filter(Q(page_id=instance.pk) | Q(parent_page_id=instance.pk)),
        RevocationReason.DELETED,
    )


def _on_restriction_changed(instance, **kwargs):
    # By id: when the restriction goes because its page is deleted, the page may be gone.
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        revoke_subtree_tokens(page, RevocationReason.PRIVACY)


def _on_restriction_groups_changed(instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, PageViewRestriction
    ):
        _on_restriction_changed(instance)


def connect():
    """Connect the revocation receivers (called from the app's ready())."""
    uid = "headless-api-preview"
    page_published.connect(_on_published, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(_on_unpublished, dispatch_uid=f"{uid}-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid=f"{uid}-moved")
    pre_delete.connect(_on_page_deleted, sender=Page, dispatch_uid=f"{uid}-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}-restriction-{signal is post_save}",
        )
    m2m_changed.connect(
        _on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}-restriction-groups",
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
