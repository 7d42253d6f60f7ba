"""Which URLs webhooks may be sent to: the public-address rule after resolution, the IP
spellings that are refused outright, and the WEBHOOKS_ALLOWED_HOSTS exemption. IP literals
resolve without DNS and "localhost" through /etc/hosts, so none of this needs a network."""

import pytest

from webhooks.destinations import Destination, RefusedDestination, resolve

PUBLIC_ONLY = "webhooks are sent to public addresses only."
SPELLING = (
    "Write an IP address as four decimal numbers (such as 203.0.113.7); decimal, hexadecimal, "
    "octal and shortened forms are refused."
)


def refusal(url):
    with pytest.raises(RefusedDestination) as raised:
        resolve(url)
    return str(raised.value)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8000/hook", f"127.0.0.1 is a loopback address: {PUBLIC_ONLY}"),
        (
            "http://localhost/hook",
            f"localhost resolves to 127.0.0.1, a loopback address: {PUBLIC_ONLY}",
        ),
        ("http://[::1]/hook", f"::1 is a loopback address: {PUBLIC_ONLY}"),
        ("http://[0:0:0:0:0:0:0:1]/hook", f"::1 is a loopback address: {PUBLIC_ONLY}"),
        ("http://[::ffff:127.0.0.1]/hook", f"::ffff:7f00:1 is a loopback address: {PUBLIC_ONLY}"),
        ("http://[64:ff9b::a00:1]/", f"64:ff9b::a00:1 is a private network address: {PUBLIC_ONLY}"),
        ("http://10.0.0.5/", f"10.0.0.5 is a private network address: {PUBLIC_ONLY}"),
        ("http://172.16.0.1/", f"172.16.0.1 is a private network address: {PUBLIC_ONLY}"),
        ("https://192.168.1.1/", f"192.168.1.1 is a private network address: {PUBLIC_ONLY}"),
        ("http://[fd12:3456::1]/", f"fd12:3456::1 is a private network address: {PUBLIC_ONLY}"),
        ("http://169.254.1.1/", f"169.254.1.1 is a link-local address: {PUBLIC_ONLY}"),
        ("http://[fe80::1]/", f"fe80::1 is a link-local address: {PUBLIC_ONLY}"),
        ("http://100.64.0.1/", f"100.64.0.1 is a carrier-grade NAT address: {PUBLIC_ONLY}"),
        ("http://224.0.0.1/", f"224.0.0.1 is a multicast address: {PUBLIC_ONLY}"),
        ("http://[ff02::1]/", f"ff02::1 is a multicast address: {PUBLIC_ONLY}"),
        ("http://0.0.0.0/", f"0.0.0.0 is an unspecified address: {PUBLIC_ONLY}"),
        ("http://[::]/", f":: is an unspecified address: {PUBLIC_ONLY}"),
        ("http://240.0.0.1/", f"240.0.0.1 is a reserved address: {PUBLIC_ONLY}"),
        ("http://[::7f00:1]/", f"::7f00:1 is a reserved address: {PUBLIC_ONLY}"),
        (
            "http://169.254.169.254/latest/meta-data/",
            f"169.254.169.254 is a cloud metadata service address: {PUBLIC_ONLY}",
        ),
        (
            "http://[fd00:ec2::254]/",
            f"fd00:ec2::254 is a cloud metadata service address: {PUBLIC_ONLY}",
        ),
        (
            "http://metadata.google.internal/computeMetadata/v1/",
            f"metadata.google.internal is a cloud metadata service: {PUBLIC_ONLY}",
        ),
    ],
)
def test_internal_destinations_are_refused(url, message):
    assert refusal(url) == message


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # decimal
        "http://0x7f000001/",  # hexadecimal
        "http://017700000001/",  # octal
        "http://127.1/",  # shortened
        "http://0177.0.0.1/",  # octal part
        "http://0x7f.0.0.1/",  # hexadecimal part
        "http://8.8.8.8.8/",  # too many parts
    ],
)
def test_unusual_ip_spellings_are_refused(url):
    assert refusal(url) == SPELLING


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/hook", "Webhook URLs must start with http:// or https://."),
        ("file:///etc/passwd", "Webhook URLs must start with http:// or https://."),
        (
            "http://user:password@8.8.8.8/",
            "Leave user names and passwords out of the URL: receivers check the signature.",
        ),
        ("http:///hook", "The URL has no host name."),
        ("http://8.8.8.8:99999/", "The URL is not valid."),
        (
            "http://webhooks.invalid/hook",
            "The host name webhooks.invalid does not resolve to any address.",
        ),
    ],
)
def test_malformed_urls_are_refused(url, message):
    assert refusal(url) == message


def test_a_public_address_resolves_to_itself():
    assert resolve("https://8.8.8.8:8443/hook?site=en#top") == Destination(
        scheme="https", host="8.8.8.8", port=8443, target="/hook?site=en", addresses=("8.8.8.8",)
    )


def test_the_host_header_carries_the_name_and_a_port_other_than_the_default():
    destination = Destination("https", "hooks.example.org", 8443, "/", ("8.8.8.8",))
    assert destination.host_header == "hooks.example.org:8443"


def test_an_allowed_host_is_exempt_from_the_public_address_rule(settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
    assert resolve("http://127.0.0.1:8000/hook").addresses == ("127.0.0.1",)


def test_the_exemption_is_for_the_host_as_written_not_its_address(settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
    assert refusal("http://localhost:8000/hook") == (
        f"localhost resolves to 127.0.0.1, a loopback address: {PUBLIC_ONLY}"
    )


def test_the_exemption_never_covers_another_spelling_of_the_address(settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
    assert refusal("http://2130706433:8000/hook") == SPELLING


def test_an_exemption_with_a_port_covers_that_port_only(settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1:8000"]
    assert (
        refusal("http://127.0.0.1:8001/hook") == f"127.0.0.1 is a loopback address: {PUBLIC_ONLY}"
    )


def test_an_ipv6_exemption_is_written_in_brackets_with_its_port(settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["[::1]:8000"]
    assert resolve("http://[0::1]:8000/hook").host_header == "[::1]:8000"


def test_the_exemption_never_opens_the_metadata_service(settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["169.254.169.254"]
    assert refusal("http://169.254.169.254/latest/") == (
        f"169.254.169.254 is a cloud metadata service address: {PUBLIC_ONLY}"
    )
