# ruff: noqa: E501 -- demo prose: one transcript line per string reads better split by speaker
"""Demo podcast and video: a show with six episodes and a recorded policy forum.

The audio is generated when the demo loads (a few seconds of tone per episode, Python's wave
module, ``podcasts.samples``), as are the WebVTT captions and the artwork; nothing is
downloaded. The video item is a generated poster and captions over an external video URL
(a real video file cannot be made small enough to generate here). Loading twice changes
nothing: every object is found by its slug or title first.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from core.models import PublicationType, Region
from experts.models import ExpertPage
from importexport.translation import translate
from podcasts.models import (
    EpisodeGuest,
    EpisodePage,
    MediaItem,
    PodcastShowPage,
    VideoPage,
    VideoSpeaker,
)
from podcasts.samples import tone_wav, webvtt

SHOW = {
    "title": "Near East PolicyCast",
    "slug": "policycast",
    "description": "Weekly conversations with the institute's scholars on U.S. policy in the "
    "Middle East: Iraq's politics, Iran's nuclear and missile programs, Gulf security and the "
    "fight against terrorist financing.",
    "author": "The Policy Institute",
    "owner_name": "Communications Team",
    "owner_email": "podcast@example.org",
    "copyright": "© The Policy Institute",
}
SHOW_AR = {
    "title": "بودكاست الشرق الأدنى",
    "slug": "policycast",
    "description": "حوارات أسبوعية مع باحثي المعهد حول السياسة الأمريكية في الشرق الأوسط: سياسة "
    "العراق، وبرامج إيران النووية والصاروخية، وأمن الخليج، ومكافحة تمويل الإرهاب.",
    "author": "معهد السياسات",
    "copyright": "© معهد السياسات",
}
# (slug, title, summary, date, region, guests (expert slugs or names), transcript lines, Arabic)
EPISODES = [
    (
        "policycast-iraq-strategic-dialogue-one-year-on",
        "The U.S.-Iraq Strategic Dialogue, One Year On",
        "What Washington and Baghdad agreed, what they left open, and why the militias matter.",
        datetime.date(2021, 6, 10),
        "iraq",
        ["munqith-dagher", "karl-kaltenthaler"],
        [
            "Host: Welcome to the PolicyCast. A year ago Washington and Baghdad began a strategic dialogue.",
            "Munqith Dagher: Iraqis wanted to know whether the partnership was about more than security.",
            "Karl Kaltenthaler: Our surveys show trust in the United States is low but not fixed.",
        ],
        {
            "title": "الحوار الاستراتيجي الأمريكي العراقي بعد عام",
            "slug": "hwar-astratyjy-bad-am",
            "summary": "ما اتفقت عليه واشنطن وبغداد، وما تركتاه معلقاً، ولماذا تهم الميليشيات.",
            "transcript": "<p>المضيف: أهلاً بكم في البودكاست. قبل عام بدأت واشنطن وبغداد حواراً "
            "استراتيجياً.</p><p>منقذ داغر: أراد العراقيون أن يعرفوا إن كانت الشراكة أكثر من الأمن."
            "</p><p>كارل كالتنثالر: تُظهر استطلاعاتنا أن الثقة بالولايات المتحدة منخفضة لكنها ليست "
            "ثابتة.</p>",
        },
    ),
    (
        "policycast-irans-missile-program",
        "Iran's Missile Program After the Space Launches",
        "How Tehran's satellite launches feed its ballistic missile work, and what sanctions can do.",
        datetime.date(2021, 9, 2),
        "iran",
        ["farzin-nadimi"],
        [
            "Host: Iran has put satellites in orbit. Does that change the missile picture?",
            "Farzin Nadimi: The same solid-fuel motors serve both programs; that is the concern.",
        ],
        {
            "title": "برنامج إيران الصاروخي بعد الإطلاقات الفضائية",
            "slug": "barnamaj-iran-alsarukhi",
            "summary": "كيف تغذي إطلاقات طهران للأقمار الصناعية عملها على الصواريخ الباليستية، "
            "وما الذي تستطيعه العقوبات.",
            "transcript": "<p>المضيف: وضعت إيران أقماراً صناعية في المدار. هل يغير ذلك صورة الصواريخ؟"
            "</p><p>فرزين نديمي: المحركات ذات الوقود الصلب نفسها تخدم البرنامجين، وهذا هو مصدر "
            "القلق.</p>",
        },
    ),
    (
        "policycast-gulf-energy-security",
        "Gulf Energy Security in a Tight Oil Market",
        "Why attacks on Gulf infrastructure move prices worldwide, and how producers are adapting.",
        datetime.date(2022, 3, 17),
        "gulf-states",
        ["simon-henderson"],
        [
            "Host: Oil prices are high and the Gulf is the swing supplier again.",
            "Simon Henderson: Spare capacity sits in two countries, and both are within missile range.",
        ],
        None,
    ),
    (
        "policycast-following-the-money-hezbollah",
        "Following the Money: Hezbollah's Finances",
        "Sanctions, smuggling networks and the group's budget under Lebanon's economic collapse.",
        datetime.date(2022, 11, 3),
        "lebanon",
        ["matthew-levitt", "A visiting Treasury official"],
        [
            "Host: Lebanon's economy has collapsed. What has happened to Hezbollah's money?",
            "Matthew Levitt: The group pays in dollars while the state pays in lira; that is power.",
        ],
        None,
    ),
    (
        "policycast-jordan-water-and-stability",
        "Jordan's Water Crisis and Regional Stability",
        "Water-for-energy deals, refugees and the politics of scarcity in one of the driest states.",
        datetime.date(2023, 5, 25),
        "jordan",
        ["nadia-halabi"],
        [
            "Host: Jordan is among the most water-poor countries in the world.",
            "Nadia Halabi: Desalination on the Red Sea is the long-term answer, but it needs partners.",
        ],
        None,
    ),
    (
        "policycast-red-sea-shipping",
        "Red Sea Shipping and the Limits of Deterrence",
        "What the attacks on commercial shipping cost, and what naval escorts can and cannot do.",
        datetime.date(2024, 2, 8),
        "middle-east",
        ["daniel-whitcombe", "hana-rashidi"],
        [
            "Host: Container lines are sailing around Africa again.",
            "Daniel Whitcombe: Escorts reduce the risk; they do not remove it.",
            "Hana Rashidi: Insurers price the risk faster than navies can change it.",
        ],
        None,
    ),
]
VIDEO = {
    "slug": "video-policy-forum-iraq-after-elections",
    "title": "Policy Forum: Iraq After the Elections",
    "summary": "A recorded policy forum on government formation in Baghdad and what it means "
    "for U.S. policy.",
    "date": datetime.date(2022, 1, 20),
    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "speakers": [("munqith-dagher", "speaker"), ("karl-kaltenthaler", "speaker")],
    "moderator": "Rasha Ellery",
    "transcript": "<p>Rapporteur's summary: the speakers agreed that the elections reshaped the "
    "Shia political field, and that the militias' losses at the ballot box did not reduce their "
    "weight on the ground.</p>",
}


def _picture(title, size, colour):
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle(
        [size[0] // 10, size[1] // 3, size[0] * 9 // 10, size[1] * 2 // 3],
        outline="white",
        width=12,
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    slug = title.lower().replace(" ", "-")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{slug}.jpg"))


def _audio(title, seconds, frequency, lines):
    item = MediaItem.objects.filter(title=title).first()
    if item is not None:
        return item
    item = MediaItem(title=title, type="audio")
    slug = title.lower().replace(" ", "-").replace("'", "")[:60]
    item.file = ContentFile(tone_wav(seconds, frequency), name=f"{slug}.wav")
    cues = [
        (index * 1.0, index * 1.0 + 1.0, line.split(": ", 1)[-1])
        for index, line in enumerate(lines)
    ]
    item.captions = ContentFile(webvtt(cues).encode(), name=f"{slug}.vtt")
    item.full_clean()
    item.save()
    return item


def _publish(page, parent):
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    # publish() saves a copy: reload, so the translation source made next records the live
    # revision (else the queue shows a false "Out of date"; see load_demo._site_pages).
    page.refresh_from_db()
    return page


def load_podcasts(home, analysis, arabic):
    """Create the demo show, episodes and video (once); returns how many pages were new."""
    created = 0
    experts = {page.slug: page for page in ExpertPage.objects.filter(locale=home.locale)}
    podcast_type = PublicationType.objects.filter(slug="podcast", locale=home.locale).first()
    video_type = PublicationType.objects.filter(slug="video", locale=home.locale).first()
    regions = {region.slug: region for region in Region.objects.filter(locale=home.locale)}

    show = PodcastShowPage.objects.filter(slug=SHOW["slug"], locale=home.locale).first()
    if show is None:
        show = PodcastShowPage(
            **SHOW, artwork=_picture("PolicyCast artwork", (1400, 1400), (24, 60, 96))
        )
        _publish(show, home)
        created += 1
    translate(show, arabic, SHOW_AR)

    for number, (slug, title, summary, date, region, guests, lines, arabic_values) in enumerate(
        EPISODES, start=1
    ):
        if EpisodePage.objects.filter(slug=slug, locale=home.locale).exists():
            continue
        episode = EpisodePage(
            title=title,
            slug=slug,
            date=date,
            summary=summary,
            publication_type=podcast_type,
            show=show,
            season=1,
            episode_number=number,
            audio=_audio(title, 3.0 + number * 0.5, 330 + 40 * number, lines),
            transcript="".join(f"<p>{line}</p>" for line in lines),
            body=[("paragraph", f"<p>{summary} Guests discuss the policy choices ahead.</p>")],
        )
        episode.guests = [
            EpisodeGuest(expert=experts[guest], sort_order=position)
            if guest in experts
            else EpisodeGuest(name=guest, sort_order=position)
            for position, guest in enumerate(guests)
        ]
        if region in regions:
            episode.regions = [regions[region]]
        _publish(episode, analysis)
        created += 1
        if arabic_values:
            translate(episode, arabic, arabic_values)

    if not VideoPage.objects.filter(slug=VIDEO["slug"], locale=home.locale).exists():
        media = MediaItem.objects.filter(title=VIDEO["title"]).first()
        if media is None:
            media = MediaItem(title=VIDEO["title"], type="video", external_url=VIDEO["url"])
            media.poster = _picture("Policy forum poster", (1280, 720), (70, 40, 30))
            media.save()
        video = VideoPage(
            title=VIDEO["title"],
            slug=VIDEO["slug"],
            date=VIDEO["date"],
            summary=VIDEO["summary"],
            publication_type=video_type,
            video=media,
            transcript=VIDEO["transcript"],
            body=[("paragraph", f"<p>{VIDEO['summary']}</p>")],
        )
        video.speakers = [
            *(
                VideoSpeaker(expert=experts[slug], role=role, sort_order=position)
                for position, (slug, role) in enumerate(VIDEO["speakers"])
                if slug in experts
            ),
            VideoSpeaker(name=VIDEO["moderator"], role="moderator", sort_order=9),
        ]
        if "iraq" in regions:
            video.regions = [regions["iraq"]]
        _publish(video, analysis)
        created += 1
    return created
