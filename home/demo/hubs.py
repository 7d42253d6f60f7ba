"""The demo's curated topic hubs (Iraq, Iran) and its program page, in English and Arabic.

Created once (a second run changes nothing); the Arabic editions go through wagtail-localize
like every demo translation (``importexport.translation.translate``). Picks name demo briefs
by slug; a pick missing from the archive is skipped.
"""

from taggit.models import Tag

from core.models import Region
from experts.models import ExpertPage
from importexport.translation import translate
from policyanalysis.models import (
    BriefPage,
    ProgramFellow,
    ProgramIndexPage,
    ProgramPage,
    Series,
    TopicPage,
)

HUBS = [
    {
        "region": "iraq",
        "title": "Iraq",
        "intro": (
            "<p>Iraq sits where the contest between Washington and Tehran is sharpest. Our "
            "scholars follow the country's coalition politics, the armed factions that answer "
            "to Iran, Baghdad's oil economy and the future of the U.S.-Iraq security "
            "relationship, with fieldwork in Baghdad, Erbil and Basra.</p>"
        ),
        "featured": [
            "us-iraq-strategic-dialogue-question-interests-and-expectations",
            "countering-irans-militia-network-iraq",
            "iraqs-next-government-test-washington",
        ],
        "ar": {
            "title": "العراق",
            "intro": (
                "<p>يقع العراق حيث يشتد التنافس بين واشنطن وطهران. يتابع باحثونا سياسات "
                "الائتلافات في البلاد، والفصائل المسلحة الموالية لإيران، واقتصاد بغداد "
                "النفطي، ومستقبل العلاقة الأمنية بين الولايات المتحدة والعراق، من خلال عمل "
                "ميداني في بغداد وأربيل والبصرة.</p>"
            ),
        },
    },
    {
        "region": "iran",
        "title": "Iran",
        "intro": (
            "<p>Iran's nuclear program, its missile and drone arsenal and its network of "
            "partner militias shape the security of the whole region. We analyse the Islamic "
            "Republic's decision-making, the sanctions that constrain it and the policy "
            "options open to the United States and its partners.</p>"
        ),
        "featured": [
            "iran-takes-next-steps-rocket-technology",
            "irans-drone-exports-regional-deterrence",
            "testimony-irans-proxies-us-forces",
        ],
        "ar": {
            "title": "إيران",
            "intro": (
                "<p>يرسم برنامج إيران النووي وترسانتها من الصواريخ والطائرات المسيّرة وشبكة "
                "الميليشيات الشريكة لها ملامح أمن المنطقة بأسرها. نحلل آليات صنع القرار في "
                "الجمهورية الإسلامية، والعقوبات التي تقيّدها، والخيارات السياسية المتاحة "
                "للولايات المتحدة وشركائها.</p>"
            ),
        },
    },
]

PROGRAMS_INDEX = {"title": "Programs", "slug": "programs", "ar": {"title": "البرامج"}}

PROGRAM = {
    "title": "Military and Security Studies: Iran",
    "slug": "iran-security-program",
    "description": (
        "<p>The program studies Iran's military and security policy: the Revolutionary "
        "Guards, the missile and space programs, drones and their export, and the militias "
        "Tehran arms across the region. It publishes research, testifies before Congress and "
        "briefs policymakers in Washington and the Gulf.</p>"
    ),
    "director": "farzin-nadimi",
    "fellows": ["matthew-levitt", "karl-kaltenthaler", "simon-henderson"],
    "featured": [
        "iran-takes-next-steps-rocket-technology",
        "irans-drone-exports-regional-deterrence",
        "video-irans-missile-salvo-proportional-response",
    ],
    "series": ["militia-spotlight"],
    "keywords": ["irgc", "missiles"],
    "ar": {
        "title": "الدراسات العسكرية والأمنية: إيران",
        "description": (
            "<p>يدرس البرنامج السياسة العسكرية والأمنية الإيرانية: الحرس الثوري، وبرنامجي "
            "الصواريخ والفضاء، والطائرات المسيّرة وتصديرها، والميليشيات التي تسلّحها طهران "
            "في أنحاء المنطقة. ينشر البرنامج الأبحاث، ويدلي بشهادات أمام الكونغرس، ويقدّم "
            "إحاطات لصنّاع القرار في واشنطن والخليج.</p>"
        ),
    },
}


def _briefs(slugs, locale):
    found = {page.slug: page for page in BriefPage.objects.filter(slug__in=slugs, locale=locale)}
    return [("item", found[slug]) for slug in slugs if slug in found]


def _publish(page, parent):
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()  # the translation source then records the live revision
    return page


def load_hubs(home, analysis, arabic):
    """Create the demo hubs and program (once); returns how many pages were new."""
    created = 0
    for spec in HUBS:
        region = Region.objects.filter(slug=spec["region"], locale=home.locale).first()
        if region is None:
            continue
        hub = TopicPage.objects.filter(region=region, locale=home.locale).first()
        if hub is None:
            hub = TopicPage(
                title=spec["title"],
                region=region,
                intro=spec["intro"],
                featured=_briefs(spec["featured"], home.locale),
            )
            _publish(hub, analysis)
            created += 1
        translate(hub, arabic, spec["ar"])

    index = ProgramIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = ProgramIndexPage(title=PROGRAMS_INDEX["title"], slug=PROGRAMS_INDEX["slug"])
        _publish(index, home)
        created += 1
    translate(index, arabic, PROGRAMS_INDEX["ar"])

    program = ProgramPage.objects.filter(slug=PROGRAM["slug"], locale=home.locale).first()
    if program is None:
        experts = {page.slug: page for page in ExpertPage.objects.filter(locale=home.locale)}
        program = ProgramPage(
            title=PROGRAM["title"],
            slug=PROGRAM["slug"],
            description=PROGRAM["description"],
            director=experts.get(PROGRAM["director"]),
            featured=_briefs(PROGRAM["featured"], home.locale),
        )
        program.fellows = [
            ProgramFellow(expert=experts[slug], sort_order=position)
            for position, slug in enumerate(PROGRAM["fellows"])
            if slug in experts
        ]
        program.series = list(Series.objects.filter(slug__in=PROGRAM["series"], locale=home.locale))
        program.keywords = list(Tag.objects.filter(name__in=PROGRAM["keywords"]))
        _publish(program, index)
        created += 1
    translate(program, arabic, PROGRAM["ar"])
    return created
