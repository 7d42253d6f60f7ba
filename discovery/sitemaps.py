"""The sitemap index, one sitemap per language edition, and what each entry says.

/sitemap.xml is an index of /sitemap-en.xml, /sitemap-ar.xml… (one per language in
settings.LANGUAGES). Each lists the pages readers may see in that language
(core.sitemaps.EditionsSitemap, narrowed to one edition) with:

- ``lastmod``: when the page was last published (``last_published_at``), not when it was
  created or imported;
- ``xhtml:link rel="alternate"`` for every visible edition of the page, its own included,
  plus ``x-default`` (the default language's edition), so each pair is listed both ways;
- ``image:image`` for a brief's hero image and an expert's photo.

A fixed number of queries per sitemap, whatever its length: the pages, their editions
and their images.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import Http404
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model
from wagtail.models import Page

from core.localization import language_code_for
from core.sitemaps import EditionsSitemap
from core.visibility import restrictions_read_once, visible

#: The attributes that hold a page type's image (briefs, experts), if any.
IMAGE_ATTRIBUTES = ("hero_image_id", "photo_id")


class LanguageSitemap(EditionsSitemap):
    """The live, public pages of one language edition, with alternates and images."""

    language_code = None

    def __init__(self, request=None, language_code=None):
        super().__init__(request)
        self.language_code = language_code

    def items(self):
        return super().items().filter(locale__language_code=self.language_code)

    def get_latest_lastmod(self):
        return (
            super()
            .items()
            .filter(locale__language_code=self.language_code)
            .aggregate(latest=Max("last_published_at"))["latest"]
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        editions = defaultdict(list)
        for edition in visible(
            Page.objects.filter(translation_key__in={p.translation_key for p in pages})
        ).order_by("locale_id"):
            editions[edition.translation_key].append(edition)
        image_ids = {
            getattr(p, name) for p in pages for name in IMAGE_ATTRIBUTES if getattr(p, name, None)
        }
        images = get_image_model().objects.in_bulk(image_ids)
        urls = []
        for item in pages:
            alternates = []
            for edition in editions[item.translation_key]:
                url = edition.get_full_url(self.request)
                if not url:
                    continue
                code = language_code_for(edition.locale_id)
                alternates.append({"lang_code": code, "location": url})
                if code == settings.LANGUAGE_CODE:
                    alternates.append({"lang_code": "x-default", "location": url})
            if len(editions[item.translation_key]) < 2:
                alternates = []  # a page in one language only has no alternates to name
            item_images = [
                images[getattr(item, name)]
                for name in IMAGE_ATTRIBUTES
                if getattr(item, name, None) in images
            ]
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates,
                    "images": [
                        {
                            "location": self.request.build_absolute_uri(image.file.url),
                            "title": image.title,
                        }
                        for image in item_images
                    ],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def language_sitemaps(request):
    """{language code: its LanguageSitemap}, in settings.LANGUAGES order."""
    return {code: LanguageSitemap(request, code) for code, _name in settings.LANGUAGES}


@require_GET
def index(request):
    """/sitemap.xml: the index of the per-language sitemaps."""
    with restrictions_read_once():
        return sitemap_views.index(
            request, language_sitemaps(request), sitemap_url_name="discovery_sitemap"
        )


@require_GET
def section(request, section):
    """/sitemap-<language>.xml: one edition's pages."""
    sitemaps = language_sitemaps(request)
    if section not in sitemaps:
        raise Http404("No sitemap for this language.")
    with restrictions_read_once():
        return sitemap_views.sitemap(
            request,
            {section: sitemaps[section]},
            section=section,
            template_name="discovery/sitemap.xml",
        )
