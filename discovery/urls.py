"""Discovery's URLs. ``urlpatterns`` (sitemaps, robots.txt, citation downloads: the page
id names the edition) are served without a language
prefix; ``language_urlpatterns`` (search, feeds) go inside ``i18n_patterns`` so each
edition has its own (/search/, /ar/search/)."""

from django.urls import path

from . import feeds, sitemaps, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="discovery_robots"),
    path("sitemap.xml", sitemaps.index, name="discovery_sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.section, name="discovery_sitemap"),
    path("cite/<int:page_id>.bib", views.bibtex, name="discovery_bibtex"),
    path("cite/<int:page_id>.ris", views.ris, name="discovery_ris"),
]

language_urlpatterns = [
    path("search/", views.search, name="discovery_search"),
    path("feeds/analysis.rss", feeds.AnalysisRssFeed(), name="discovery_feed_rss"),
    path("feeds/analysis.atom", feeds.AnalysisAtomFeed(), name="discovery_feed_atom"),
]
