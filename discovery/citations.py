"""How a brief is cited: Highwire ``citation_*`` meta tags (read by Zotero and Google
Scholar), and BibTeX and RIS records for reference managers.

One ``Reference`` gathers what every format says: the title (with the subtitle), the
authors in byline order (each split into family and given names: the last word is the
family name, as the byline writes names given-name first), the date, the publisher (the
site's name), the language, the URL and the type. The records are written by
bibtexparser and rispy, not by string templates.
"""

import re

import rispy
from bibtexparser.bibdatabase import BibDatabase
from bibtexparser.bwriter import BibTexWriter
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.localization import language_code_for

#: RIS and BibTeX types of a brief by words in its publication type's slug.
REPORT_WORDS = ("report", "paper")


def split_name(name):
    """(family, given) of a name written given-name first."""
    parts = name.split()
    if len(parts) < 2:
        return name, ""
    return parts[-1], " ".join(parts[:-1])


class Reference:
    """What any citation of ``brief`` says (``authors`` are the byline's rows, localized)."""

    def __init__(self, brief, authors, request):
        self.brief = brief
        self.title = brief.title
        self.subtitle = brief.subtitle
        self.authors = [row.person.title for row in authors]
        if not self.authors and brief.byline:
            self.authors = [brief.byline]
        self.date = brief.date
        site = Site.find_for_request(request) if request is not None else None
        self.publisher = (site.site_name if site else "") or getattr(
            settings, "WAGTAIL_SITE_NAME", ""
        )
        self.language = language_code_for(brief.locale_id)
        url = brief.get_url(request=request) or ""
        self.url = request.build_absolute_uri(url) if request is not None else url
        slug = brief.publication_type.slug if brief.publication_type else ""
        self.is_report = any(word in slug for word in REPORT_WORDS)
        self.abstract = brief.summary

    @property
    def full_title(self):
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def key(self):
        """A BibTeX key: first author's family name (ASCII letters) and year, else the id."""
        family = split_name(self.authors[0])[0] if self.authors else ""
        letters = re.sub(r"[^A-Za-z]", "", family)
        year = self.date.year if self.date else ""
        return f"{letters}{year}" if letters else f"brief{self.brief.pk}"

    def meta_tags(self):
        """[(name, content)] of the Highwire tags, authors in byline order."""
        tags = [("citation_title", self.full_title)]
        tags += [("citation_author", name) for name in self.authors]
        if self.date:
            tags.append(("citation_publication_date", self.date.strftime("%Y/%m/%d")))
        tags += [
            ("citation_publisher", self.publisher),
            ("citation_language", self.language),
            ("citation_abstract_html_url", self.url),
        ]
        if self.is_report:
            tags.append(("citation_technical_report_institution", self.publisher))
        return [(name, content) for name, content in tags if content]

    def suggested(self):
        """The suggested citation shown on the page, in the reader's language."""
        names = self.authors
        if len(names) > 1:
            authors = _("%(names)s and %(last)s") % {
                "names": ", ".join(names[:-1]),
                "last": names[-1],
            }
        else:
            authors = names[0] if names else self.publisher
        return _("%(authors)s, “%(title)s,” %(publisher)s, %(date)s, %(url)s.") % {
            "authors": authors,
            "title": self.full_title,
            "publisher": self.publisher,
            "date": date_format(self.date) if self.date else "",
            "url": self.url,
        }

    def bibtex(self):
        """The BibTeX record (``@techreport`` for reports, else ``@misc``)."""
        entry = {
            "ENTRYTYPE": "techreport" if self.is_report else "misc",
            "ID": self.key,
            "title": self.full_title,
            "author": " and ".join(
                ", ".join(part for part in split_name(name) if part) for name in self.authors
            ),
            "url": self.url,
            "language": self.language,
        }
        entry["institution" if self.is_report else "publisher"] = self.publisher
        if self.date:
            entry["year"] = str(self.date.year)
            entry["month"] = self.date.strftime("%b").lower()
            entry["date"] = self.date.isoformat()
        if self.abstract:
            entry["abstract"] = self.abstract
        database = BibDatabase()
        database.entries = [{key: value for key, value in entry.items() if value}]
        writer = BibTexWriter()
        writer.order_entries_by = None
        return writer.write(database)

    def ris(self):
        """The RIS record (``RPRT`` for reports, else ``ELEC``)."""
        record = {
            "type_of_reference": "RPRT" if self.is_report else "ELEC",
            "title": self.full_title,
            "authors": [
                ", ".join(part for part in split_name(name) if part) for name in self.authors
            ],
            "publisher": self.publisher,
            "language": self.language,
            "urls": [self.url],
        }
        if self.date:
            record["year"] = str(self.date.year)
            record["date"] = self.date.strftime("%Y/%m/%d")
        if self.abstract:
            record["abstract"] = self.abstract
        return rispy.dumps([{key: value for key, value in record.items() if value}])
