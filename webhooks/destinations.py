"""Where webhooks may be sent: http(s) URLs whose host resolves to public addresses only.

An editor chooses the URL and the server makes the request, so a URL must never reach the
server's own networks (server-side request forgery): loopback, private ranges (RFC 1918, IPv6
ULA), link-local, carrier-grade NAT, multicast, unspecified and reserved ranges, and the cloud
metadata services. The rule applies to every address the host name resolves to, when an
endpoint is saved (``validate_webhook_url``) and again at each delivery (``resolve``); the
delivery then connects to an address returned here, never to the name, so a name that
resolves elsewhere a moment later (DNS rebinding) changes nothing.

IP addresses must be written in the usual form (four decimal numbers, or an IPv6 literal in
brackets): the decimal, hexadecimal, octal and shortened forms that resolvers also accept
(2130706433, 0x7f000001, 017700000001, 127.1) are refused, so no host can dodge a rule or the
allow-list by its spelling.

Setting: WEBHOOKS_ALLOWED_HOSTS (default empty), host names or host:port pairs exempt from the
public-address rule, e.g. ``["127.0.0.1:8000"]`` for a receiver on a developer's machine.
"""

import contextlib
import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

SCHEMES = {"http": 80, "https": 443}

# Addresses of instance metadata services (AWS, AWS ECS, Azure, Alibaba, Oracle), which hand
# out credentials to whoever asks from inside the machine.
METADATA_ADDRESSES = {
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",
        "fd00:ec2::254",
        "169.254.170.2",
        "168.63.129.16",
        "100.100.100.200",
        "192.0.0.192",
    )
}
METADATA_HOSTS = {"metadata.google.internal", "metadata.goog", "metadata", "instance-data"}

# Python's ``is_global`` misses several of these (multicast, IPv4-compatible and translated
# IPv6 forms, some reserved blocks), so the ranges are listed here, each with the words the
# editor reads.
_LOOPBACK = gettext_noop("a loopback address")
_PRIVATE = gettext_noop("a private network address")
_LINK_LOCAL = gettext_noop("a link-local address")
_SHARED = gettext_noop("a carrier-grade NAT address")
_MULTICAST = gettext_noop("a multicast address")
_UNSPECIFIED = gettext_noop("an unspecified address")
_RESERVED = gettext_noop("a reserved address")
_METADATA = gettext_noop("a cloud metadata service address")
REFUSED_NETWORKS = [
    (ipaddress.ip_network(network), kind)
    for network, kind in (
        ("0.0.0.0/8", _UNSPECIFIED),
        ("10.0.0.0/8", _PRIVATE),
        ("100.64.0.0/10", _SHARED),
        ("127.0.0.0/8", _LOOPBACK),
        ("169.254.0.0/16", _LINK_LOCAL),
        ("172.16.0.0/12", _PRIVATE),
        ("192.0.0.0/24", _RESERVED),
        ("192.0.2.0/24", _RESERVED),
        ("192.88.99.0/24", _RESERVED),
        ("192.168.0.0/16", _PRIVATE),
        ("198.18.0.0/15", _RESERVED),
        ("198.51.100.0/24", _RESERVED),
        ("203.0.113.0/24", _RESERVED),
        ("224.0.0.0/4", _MULTICAST),
        ("240.0.0.0/4", _RESERVED),
        ("::/128", _UNSPECIFIED),
        ("::1/128", _LOOPBACK),
        ("::/96", _RESERVED),  # IPv4-compatible (deprecated)
        ("::ffff:0:0:0/96", _RESERVED),  # IPv4-translated
        ("64:ff9b:1::/48", _PRIVATE),  # local-use NAT64
        ("100::/64", _RESERVED),
        ("2001::/23", _RESERVED),  # IETF protocol assignments, Teredo among them
        ("2001:db8::/32", _RESERVED),
        ("3fff::/20", _RESERVED),
        ("5f00::/16", _RESERVED),
        ("fc00::/7", _PRIVATE),
        ("fe80::/10", _LINK_LOCAL),
        ("fec0::/10", _PRIVATE),  # site-local (deprecated)
        ("ff00::/8", _MULTICAST),
    )
]
# IPv6 ranges that carry an IPv4 address inside them: the IPv4 address decides.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# Every label a number, as inet_aton reads it (decimal, 0x-hexadecimal, 0-octal).
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*$")


class RefusedDestination(ValueError):
    """A URL webhooks are not sent to; the message says why, in words for an editor."""


@dataclass(frozen=True)
class Destination:
    """A checked webhook URL: where to connect (``addresses``) and what to ask for there."""

    scheme: str
    host: str  # ASCII host name, or the IP address in its usual form
    port: int
    target: str  # path and query string
    addresses: tuple[str, ...]  # every address the host resolved to, all checked

    @property
    def host_header(self):
        """The Host header (and, for https, the certificate name) is the URL's host."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == SCHEMES[self.scheme] else f"{host}:{self.port}"


def refusal_reason(address):
    """Why ``address`` (an ipaddress object) is refused, in words; None when it is public."""
    if address in METADATA_ADDRESSES:
        return _METADATA
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal_reason(embedded)
    for network, kind in REFUSED_NETWORKS:
        if address.version == network.version and address in network:
            return kind
    if address.is_multicast:
        return _MULTICAST
    if not address.is_global:
        return _RESERVED
    return None


def _allowed_hosts():
    """WEBHOOKS_ALLOWED_HOSTS as (host, port or None) pairs."""
    allowed = []
    for entry in getattr(settings, "WEBHOOKS_ALLOWED_HOSTS", []):
        entry = entry.strip().lower().rstrip(".")
        parts = urlsplit(f"//{entry}")
        try:
            port = parts.port
        except ValueError:
            port = None
        host = parts.hostname or entry.strip("[]")
        if host.count(":") >= 2:  # an IPv6 literal, compared in its compressed form
            with contextlib.suppress(ValueError):  # a malformed entry matches nothing
                host = str(ipaddress.IPv6Address(host))
        allowed.append((host, port))
    return allowed


def _is_allowed(host, port):
    return any(host == h and p in (None, port) for h, p in _allowed_hosts())


def _parse(url):
    """(scheme, host, port, target) of ``url``; raises RefusedDestination when malformed."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise RefusedDestination(_("The URL is not valid.")) from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise RefusedDestination(_("Webhook URLs must start with http:// or https://."))
    if parts.username is not None or parts.password is not None:
        raise RefusedDestination(
            _("Leave user names and passwords out of the URL: receivers check the signature.")
        )
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise RefusedDestination(_("The URL has no host name."))
    if ":" in host:
        try:
            host = str(ipaddress.IPv6Address(host))
        except ValueError as exc:
            raise RefusedDestination(_("The URL's IPv6 address is not valid.")) from exc
    elif _NUMERIC_HOST.match(host):
        try:
            canonical = str(ipaddress.IPv4Address(host)) == host
        except ValueError:
            canonical = False
        if not canonical:
            raise RefusedDestination(
                _(
                    "Write an IP address as four decimal numbers (such as 203.0.113.7); "
                    "decimal, hexadecimal, octal and shortened forms are refused."
                )
            )
    else:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise RefusedDestination(_("The URL's host name is not valid.")) from exc
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    return scheme, host, port or SCHEMES[scheme], target


def _resolve_addresses(host, port):
    """Every address ``host`` resolves to, in the resolver's order, without duplicates."""
    is_literal = ":" in host or _NUMERIC_HOST.match(host)
    try:
        infos = socket.getaddrinfo(
            host,
            port,
            type=socket.SOCK_STREAM,
            flags=socket.AI_NUMERICHOST if is_literal else 0,
        )
    except (OSError, UnicodeError) as exc:
        raise RefusedDestination(
            _("The host name %(host)s does not resolve to any address.") % {"host": host}
        ) from exc
    addresses = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


def resolve(url):
    """The Destination of ``url``, resolved once and checked: raises RefusedDestination when
    the URL is malformed, its host does not resolve, or any of its addresses is refused
    (unless WEBHOOKS_ALLOWED_HOSTS lists the host)."""
    scheme, host, port, target = _parse(url)
    if host in METADATA_HOSTS or host.endswith(".metadata.google.internal"):
        raise RefusedDestination(
            _("%(host)s is a cloud metadata service: webhooks are sent to public addresses only.")
            % {"host": host}
        )
    addresses = _resolve_addresses(host, port)
    allowed = _is_allowed(host, port)
    checked = sorted(
        (ipaddress.ip_address(address.split("%")[0]) for address in addresses),
        key=lambda address: (address.version, address),
    )
    for address in checked:
        kind = refusal_reason(address)
        # The allow-list opens private addresses to development receivers, never the
        # metadata services.
        if kind is None or (allowed and kind != _METADATA):
            continue
        if str(address) == host:
            message = _("%(address)s is %(kind)s: webhooks are sent to public addresses only.")
        else:
            message = _(
                "%(host)s resolves to %(address)s, %(kind)s: webhooks are sent to public "
                "addresses only."
            )
        raise RefusedDestination(message % {"host": host, "address": address, "kind": _(kind)})
    return Destination(scheme, host, port, target, tuple(addresses))


def validate_webhook_url(value):
    """Model and form validator: the URL must be one webhooks may be sent to (see resolve)."""
    try:
        resolve(value)
    except RefusedDestination as exc:
        raise ValidationError(str(exc), code="refused_destination") from exc
