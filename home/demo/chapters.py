"""Demo chapters and the Fikra Forum platform: the demo report gets three chapters (each with
its own endnotes) in English and Arabic, and "Fikra Forum" becomes a series with its own
contributors. The import format carries neither (see docs/publications.md), so they are
added here after the import. Loading twice changes nothing: chapters are found by slug,
translations are skipped when they exist, contributors are set only when there are none.
"""

from wagtail.models import Locale

from experts.models import ExpertPage
from importexport.translation import translate
from policyanalysis.models import BriefPage, ChapterPage
from policyanalysis.publications import Series, SeriesContributor

REPORT_SLUG = "countering-irans-militia-network-iraq"
REPORT_AR = {
    "title": "مواجهة شبكة الميليشيات الإيرانية في العراق",
    "summary": "كيف أصبحت الميليشيات المدعومة من إيران شبكة سياسية واقتصادية داخل الدولة "
    "العراقية، وما الذي تستطيع واشنطن وبغداد فعله حيال ذلك.",
}
# (slug, English title, paragraphs, notes, Arabic title, Arabic paragraphs, Arabic notes)
CHAPTERS = [
    (
        "origins-of-the-network",
        "Origins of the Network",
        [
            "<p>The militias that answered the 2014 call to arms against the Islamic State "
            "were folded into the state as the Popular Mobilization Forces.<sup>1</sup></p>",
            "<p>Their commanders kept their own chains of command and their ties to "
            "Tehran.<sup>2</sup></p>",
        ],
        [
            "<p>The religious edict of June 2014 calling Iraqis to defend the country.</p>",
            "<p>Interviews with former commanders, Baghdad, 2023.</p>",
        ],
        "أصول الشبكة",
        [
            "<p>الميليشيات التي لبّت نداء حمل السلاح ضد تنظيم الدولة الإسلامية عام 2014 "
            "أُدمجت في الدولة باسم قوات الحشد الشعبي.<sup>1</sup></p>",
            "<p>احتفظ قادتها بتسلسلهم القيادي الخاص وبروابطهم مع طهران.<sup>2</sup></p>",
        ],
        [
            "<p>الفتوى الدينية الصادرة في حزيران/يونيو 2014 التي دعت العراقيين إلى الدفاع عن "
            "البلاد.</p>",
            "<p>مقابلات مع قادة سابقين، بغداد، 2023.</p>",
        ],
    ),
    (
        "the-money",
        "The Money",
        [
            "<p>Salaries paid from the state budget, checkpoints and front companies fund the "
            "network.<sup>1</sup></p>",
        ],
        ["<p>Iraqi federal budget law, 2023–2025 allocations.</p>"],
        "المال",
        [
            "<p>تموّل الشبكةَ رواتبُ تُدفع من موازنة الدولة ونقاطُ التفتيش والشركاتُ "
            "الواجهة.<sup>1</sup></p>",
        ],
        ["<p>قانون الموازنة الاتحادية العراقية، مخصصات 2023–2025.</p>"],
    ),
    (
        "what-washington-can-do",
        "What Washington Can Do",
        [
            "<p>Targeted sanctions on the network's companies, support for payroll audits and "
            "patience with Baghdad's own reforms.<sup>1</sup></p>",
        ],
        ["<p>Treasury designations of 2024 against militia-owned firms.</p>"],
        "ما الذي تستطيع واشنطن فعله",
        [
            "<p>عقوبات محددة على شركات الشبكة، ودعم تدقيق كشوف الرواتب، والصبر على إصلاحات "
            "بغداد نفسها.<sup>1</sup></p>",
        ],
        ["<p>تصنيفات وزارة الخزانة لعام 2024 ضد شركات تملكها الميليشيات.</p>"],
    ),
]
FIKRA_FORUM = {
    "slug": "fikra-forum",
    "name": "Fikra Forum",
    "description": "An online platform where writers from the region debate its politics "
    "and the ideas shaping its future.",
}
FIKRA_FORUM_AR = {
    "name": "منتدى فكرة",
    "description": "منصة إلكترونية يناقش فيها كتّاب من المنطقة سياساتها والأفكار التي تصنع "
    "مستقبلها.",
}
FIKRA_CONTRIBUTORS = ["nadia-halabi", "omar-belkacem", "hana-rashidi"]



def _blocks(paragraphs):
    return [{"type": "paragraph", "value": html} for html in paragraphs]


def _notes(notes):
    return [{"type": "note", "value": html} for html in notes]


def load_chapters(arabic):
    """Add the demo report's chapters (English and Arabic); returns how many pages were
    created. Nothing happens when the report is not in the archive."""
    report = BriefPage.objects.filter(slug=REPORT_SLUG, locale__language_code="en").first()
    if report is None:
        return 0
    created = 0
    if not report.has_translation(arabic):
        translate(report, arabic, REPORT_AR)
        created += 1
    for slug, title, body, notes, title_ar, body_ar, notes_ar in CHAPTERS:
        chapter = ChapterPage.objects.child_of(report).filter(slug=slug).first()
        if chapter is None:
            chapter = ChapterPage(
                title=title, slug=slug, body=_blocks(body), endnotes=_notes(notes)
            )
            report.add_child(instance=chapter)
            chapter.save_revision().publish()
            chapter.refresh_from_db()
            created += 1
        if not chapter.has_translation(arabic):
            translate(
                chapter,
                arabic,
                {"title": title_ar, "body": _blocks(body_ar), "endnotes": _notes(notes_ar)},
            )
            created += 1
    return created


def load_fikra_forum(arabic):
    """The Fikra Forum platform (a series) with its contributors, in both languages."""
    series, _created = Series.objects.get_or_create(
        slug=FIKRA_FORUM["slug"],
        locale__language_code="en",
        defaults={**FIKRA_FORUM, "locale": Locale.get_default()},
    )
    if not series.contributors.exists():
        experts = {
            expert.slug: expert
            for expert in ExpertPage.objects.filter(
                slug__in=FIKRA_CONTRIBUTORS, locale=series.locale
            )
        }
        for position, slug in enumerate(FIKRA_CONTRIBUTORS):
            if slug in experts:
                SeriesContributor.objects.create(
                    series=series, expert=experts[slug], sort_order=position
                )
    if not series.has_translation(arabic):
        translate(series, arabic, FIKRA_FORUM_AR)
    # Its items: the contributors' newest pieces, in every language edition.
    for slug in FIKRA_CONTRIBUTORS[:2]:
        newest = (
            BriefPage.objects.filter(authors__expert__slug=slug, locale=series.locale)
            .order_by("-date")
            .first()
        )
        for page in [newest, *(newest.get_translations() if newest else [])]:
            page = page.specific if page is not None else None
            if page is not None and series not in page.series.all():
                page.series.add(series)
                page.save_revision().publish()
    return series
