"""Page numbers from the query string, read forgivingly."""


def get_page(paginator, number):
    """The requested page of ``paginator``: the first page for a missing, non-numeric, zero
    or negative number, the last page for a number past the end. Never raises."""
    try:
        number = int(str(number).strip())
    except (TypeError, ValueError):
        number = 1
    return paginator.get_page(max(number, 1))
