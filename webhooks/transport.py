"""One webhook POST, sent to an address that was checked, never redirected.

The URL is resolved and checked once (``destinations.resolve``); the connection then goes to
one of the checked addresses, not to the name, with the URL's host in the Host header and, for
https, in SNI and the certificate check. A name that resolves to an internal address a moment
after the check (DNS rebinding) is therefore never connected to. Redirects are not followed:
a 3xx is the answer, so the signed body and its signature never go to another URL. urllib3
does the HTTP; it reads no proxy variables from the environment, so nothing reroutes the
connection either.
"""

import logging

import urllib3
from urllib3.exceptions import ConnectTimeoutError, HTTPError

from .destinations import RefusedDestination, resolve

logger = logging.getLogger(__name__)


def _pool(destination, address, timeout):
    """A connection pool for one request to ``address`` that speaks to it as the URL's host."""
    options = {
        "port": destination.port,
        "timeout": urllib3.Timeout(connect=timeout, total=timeout),
        "retries": False,
        "maxsize": 1,
    }
    if destination.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            server_hostname=destination.host,
            assert_hostname=destination.host,
            **options,
        )
    return urllib3.HTTPConnectionPool(address, **options)


def post(url, body, headers, timeout):
    """POST ``body`` to ``url`` once; returns the HTTP status, or None when no response came
    back (refused destination, connection failure, timeout, TLS error: deliberately not told
    apart, so the delivery log cannot serve to probe ports). Raises nothing for network
    trouble."""
    try:
        destination = resolve(url)
    except RefusedDestination as exc:
        # The reason goes to the server's log for operators, not to the delivery log.
        logger.warning("Webhook to %s not sent: %s", url, exc)
        return None
    headers = {**headers, "Host": destination.host_header}
    for address in destination.addresses:
        pool = _pool(destination, address, timeout)
        try:
            response = pool.urlopen(
                "POST",
                destination.target,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                preload_content=False,  # the receiver's body is never read
            )
            return response.status
        except ConnectTimeoutError as exc:
            # Nothing was sent to this address: the next checked address may answer.
            logger.info("Webhook to %s: no connection to %s (%s)", url, address, exc)
        except (HTTPError, OSError, ValueError) as exc:
            logger.info("Webhook to %s failed at %s (%s)", url, address, exc)
            return None
        finally:
            pool.close()
    return None
