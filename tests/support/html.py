"""Reading rendered pages as a reader sees them."""

from bs4 import BeautifulSoup


def card_titles(response):
    """Titles of the analysis cards in a listing's results, in the order shown."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text() for link in soup.select(".results .card__title a")]
