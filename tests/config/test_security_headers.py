"""Security headers: Content-Security-Policy per area (public pages and API, Wagtail's
admin), Permissions-Policy and Referrer-Policy. The browser side (nothing blocked in the
page editor or the API docs) is in tests/browser/test_content_security_policy.py."""

import pytest

from tests.config.processes import run_python
from tests.support import factories

EMBED_PLAYERS = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://w.soundcloud.com",
    "https://open.spotify.com",
)
PUBLIC_POLICY = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "frame-src": EMBED_PLAYERS,
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}
ADMIN_POLICY = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'unsafe-inline'"),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:", "blob:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'", "https://releases.wagtail.org"),
    "frame-src": ("'self'", *EMBED_PLAYERS),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'self'",),
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


def directives(header):
    """A CSP header as {directive: (sources…)} (django-csp does not keep their order)."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in policy, f"{name} twice in {header}"
        policy[name] = tuple(sources)
    return policy


@pytest.fixture
def public_paths(tree):
    """Paths of a public page of each kind: home, filtered listing, brief, Arabic brief,
    expert, the API and its docs."""
    from tests.support.translation import translate_and_publish

    author = factories.expert("Dana Stroul", slug="dana-stroul")
    brief = factories.brief("Water and power", authors=[author])
    arabic = translate_and_publish(brief)
    return [
        "/",
        "/policy-analysis/?type=brief-analysis&year=2020",
        brief.url,
        arabic.url,
        author.url,
        "/api/v1/analysis/",
        "/api/v1/docs",
    ]


@pytest.mark.django_db
def test_public_pages_get_the_public_policy_without_inline_scripts(client, public_paths):
    for path in public_paths:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = directives(response["Content-Security-Policy"])
        assert policy == PUBLIC_POLICY, path
        assert "'unsafe-inline'" not in policy["script-src"], path


def test_a_missing_page_gets_the_public_policy(client, tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"]) == PUBLIC_POLICY


def test_admin_pages_get_the_admin_policy(admin_client, tree):
    brief = factories.brief("Water and power")
    for path in ("/admin/", f"/admin/pages/{brief.pk}/edit/", f"/admin/pages/{brief.pk}/"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert directives(response["Content-Security-Policy"]) == ADMIN_POLICY, path


def test_admin_sign_in_page_gets_the_admin_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == ADMIN_POLICY


def test_permissions_and_referrer_policies_on_public_and_admin_pages(admin_client, tree):
    for path in ("/", "/admin/"):
        response = admin_client.get(path)
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY, path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path


def test_admin_may_frame_the_front_end_preview_when_one_is_configured():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(settings.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src']))"
    )
    result = run_python(
        ["-c", code],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "FRONTEND_PREVIEW_URL": "https://preview.example.org/preview/?site=1",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["'self'", *EMBED_PLAYERS, "https://preview.example.org"]


# --- the policy kept per area -------------------------------------------------------------
# (deployment.csp keeps the policy of responses that need nothing of their own; these
# need something of their own and must not get the kept one)


def _through_middleware(path, view):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from deployment.csp import AreaCSPMiddleware

    def get_response(request):
        response = HttpResponse("ok")
        view(request, response)
        return response

    request = RequestFactory().get(path)
    middleware = AreaCSPMiddleware(get_response)
    return middleware(request)


def test_a_response_whose_page_used_a_nonce_gets_its_own_nonce_in_the_policy(db):
    nonces = []

    def uses_nonce(request, response):
        nonces.append(str(request.csp_nonce))

    _through_middleware("/", lambda request, response: None)  # (keeps the plain policy)
    first = _through_middleware("/", uses_nonce)
    second = _through_middleware("/", uses_nonce)
    assert len(set(nonces)) == 2
    for response, nonce in zip((first, second), nonces, strict=True):
        script_src = directives(response["Content-Security-Policy"])["script-src"]
        assert script_src == ("'self'", f"'nonce-{nonce}'")


def test_a_view_that_widens_the_policy_gets_its_own(db):
    def widens(request, response):
        response._csp_update = {"img-src": ["https://images.example.org"]}

    _through_middleware("/", lambda request, response: None)
    response = _through_middleware("/", widens)
    assert directives(response["Content-Security-Policy"])["img-src"] == (
        "'self'",
        "data:",
        "https://images.example.org",
    )


def test_a_changed_setting_changes_the_kept_policy(db, settings):
    _through_middleware("/", lambda request, response: None)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    response = _through_middleware("/", lambda request, response: None)
    assert response["Content-Security-Policy"] == "default-src 'none'"
