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
from django.utils import timezone, translation

from core.localization import language_code_for
from core.templatetags.core_tags import get_site_identity
from policyanalysis.publications import pdf_edition_path

from .cite_styles import formatted

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
        self.language = language_code_for(brief.locale_id)
        # The institute's name in the edition's language (core.models.SiteIdentity; the
        # page's chrome has already read it, cached on the request, on a brief page).
        with translation.override(self.language):
            self.publisher = get_site_identity(request).name
        self.doi = getattr(brief, "doi", "")
        url = brief.get_url(request=request) or ""
        self.url = request.build_absolute_uri(url) if request is not None else url
        pdf = pdf_edition_path(brief)
        self.pdf_url = request.build_absolute_uri(pdf) if pdf and request is not None else pdf
        slug = brief.publication_type_slug
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
            ("citation_pdf_url", self.pdf_url),
        ]
        if self.doi:
            tags.append(("citation_doi", self.doi))
        if self.is_report:
            tags.append(("citation_technical_report_institution", self.publisher))
        return [(name, content) for name, content in tags if content]

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def styles(self):
        """[(key, label, HTML)] of the reference in APA, Chicago (author-date) and MLA, in
        the edition's language (``discovery.cite_styles``)."""
        return formatted(self, accessed=timezone.localdate())

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
            "doi": self.doi,
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
            "doi": self.doi,
        }
        if self.date:
            record["year"] = str(self.date.year)
            record["date"] = self.date.strftime("%Y/%m/%d")
        if self.abstract:
            record["abstract"] = self.abstract
        return rispy.dumps([{key: value for key, value in record.items() if value}])
