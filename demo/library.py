"""The demo's good-practice library: themes, and entries published by each programme's
coordinator through the service (`library.services.good_practice_curate`). Iran's come from the
stocktake's initiatives its cities marked; Kazakhstan's and Lithuania's sequences have no
stocktake stage, so their cities' marked initiatives are written on their situation analysis,
where the inventory of what exists is made."""

from __future__ import annotations

from django.utils import translation

from candidacy.models import GoalArea, Initiative, StageProgress, StageState
from cities.models import City
from library import services
from library.models import GoodPractice, Theme

THEMES = {
    "play": {
        "en": "Play spaces",
        "fa": "فضاهای بازی",
        "ru": "Места для игр",
        "kk": "Ойын алаңдары",
        "lt": "Žaidimų erdvės",
    },
    "participation": {
        "en": "Children's participation",
        "fa": "مشارکت کودکان",
        "ru": "Участие детей",
        "kk": "Балалардың қатысуы",
        "lt": "Vaikų dalyvavimas",
    },
    "families": {
        "en": "Support for families",
        "fa": "حمایت از خانواده‌ها",
        "ru": "Поддержка семей",
        "kk": "Отбасыларды қолдау",
        "lt": "Parama šeimoms",
    },
    "health": {
        "en": "Health and care",
        "fa": "سلامت و مراقبت",
        "ru": "Здоровье и уход",
        "kk": "Денсаулық және күтім",
        "lt": "Sveikata ir priežiūra",
    },
    "inclusion": {
        "en": "Inclusion",
        "fa": "فراگیری",
        "ru": "Инклюзия",
        "kk": "Инклюзия",
        "lt": "Įtrauktis",
    },
}

#: Initiatives of Kazakhstan's and Lithuania's cities: (city, title, goal area, year, body,
#: beneficiaries in aggregate, description).
OTHER_INITIATIVES = [
    (
        "saran",
        "Inclusive classrooms and school transport",
        GoalArea.ESSENTIAL_SERVICES,
        2018,
        "City education department",
        "About 120 children with disabilities a year",
        "Specially equipped rooms in schools and transport of children with disabilities "
        "to group classes.",
    ),
    (
        "pavlodar",
        "School ombudsmen in every school",
        GoalArea.SAFE_AND_PROTECTED,
        2019,
        "City education department",
        "Pupils of every school of the city",
        "A trained ombudsman in each school whom pupils can turn to in confidence.",
    ),
    (
        "vilnius",
        "Children's say in the participatory budget",
        GoalArea.VOICE,
        2021,
        "Vilnius city municipality",
        "Pupils of the city's schools, through their school councils",
        "School councils propose and vote on projects for a share of the city's "
        "participatory budget.",
    ),
]

#: What the coordinators published: (city, initiative title, themes, summary per language).
PUBLISHED = [
    (
        "isfahan",
        "Children's house in Ghalamestan park",
        ["play", "families"],
        {
            "en": "A children's house in the city's largest park, open to every family, for "
            "play and learning; cities with a large park can copy its programme of "
            "weekly activities run with the cultural organisation.",
            "fa": "خانهٔ کودک در بزرگ‌ترین پارک شهر، باز برای همهٔ خانواده‌ها، برای بازی و "
            "یادگیری؛ شهرهایی که پارک بزرگی دارند می‌توانند برنامهٔ هفتگی آن را به کار ببرند.",
        },
    ),
    (
        "isfahan",
        "Mother-and-child rooms at the Soffeh and Kaveh bus terminals",
        ["health", "families"],
        {
            "en": "Quiet rooms at the two intercity bus terminals where parents can feed and "
            "care for babies while travelling; simple to set up in any terminal.",
            "fa": "اتاق‌هایی آرام در دو پایانهٔ مسافربری که پدر و مادرها در سفر از نوزادان "
            "مراقبت می‌کنند؛ برپا کردن آن در هر پایانه‌ای آسان است.",
        },
    ),
    (
        "saran",
        "Inclusive classrooms and school transport",
        ["inclusion"],
        {
            "en": "Equipped classrooms and a school bus bring children with disabilities into "
            "group classes with their peers.",
            "ru": "Оборудованные классы и школьный автобус позволяют детям с инвалидностью "
            "заниматься в группах вместе со сверстниками.",
            "kk": "Жабдықталған сыныптар мен мектеп автобусы мүгедектігі бар балаларға "
            "құрдастарымен бірге топтық сабақтарға қатысуға мүмкіндік береді.",
        },
    ),
    (
        "pavlodar",
        "School ombudsmen in every school",
        ["participation"],
        {
            "en": "Every school has a trained ombudsman pupils can turn to; the network meets "
            "each term with the city's children's rights commissioner.",
            "ru": "В каждой школе есть обученный омбудсмен, к которому могут обратиться "
            "ученики; сеть собирается каждую четверть.",
            "kk": "Әр мектепте оқушылар жүгіне алатын дайындалған омбудсмен бар; желі әр "
            "тоқсан сайын жиналады.",
        },
    ),
    (
        "vilnius",
        "Children's say in the participatory budget",
        ["participation", "play"],
        {
            "en": "School councils propose and vote on projects for a share of the "
            "participatory budget; playgrounds and school yards came first.",
            "lt": "Mokyklų tarybos siūlo ir balsuoja už projektus, kuriems skiriama dalis "
            "dalyvaujamojo biudžeto; pirmiausia – žaidimų aikštelės ir mokyklų kiemai.",
        },
    ),
]


def _other_initiatives_add(cities: dict[str, City]) -> None:
    for slug, title, area, year, body, beneficiaries, description in OTHER_INITIATIVES:
        progress = StageProgress.objects.filter(
            candidacy__city=cities[slug],
            definition__kind="situation_analysis",
            state=StageState.APPROVED,
        ).first()
        if progress is None:
            continue
        Initiative.objects.create(
            progress=progress,
            title=title,
            goal_area=area,
            description=description,
            year_started=year,
            responsible_organisation=body,
            beneficiaries=beneficiaries,
            good_practice=True,
        )


def library_load(cities: dict[str, City], coordinators: dict[str, object]) -> None:
    """Themes, the other programmes' marked initiatives, and the published entries; the rest
    of Iran's marked initiatives stay in the coordinator's queue."""
    themes = {}
    for slug, names in THEMES.items():
        themes[slug] = Theme.objects.create(
            slug=slug, name=names["en"], **{f"name_{code}": text for code, text in names.items()}
        )
    _other_initiatives_add(cities)
    for slug, title, theme_keys, summaries in PUBLISHED:
        initiative = Initiative.objects.filter(
            progress__candidacy__city=cities[slug], title=title, good_practice=True
        ).first()
        if initiative is None:
            continue
        with translation.override("en"):
            entry = services.good_practice_curate(
                initiative=initiative,
                by=coordinators[cities[slug].programme.key],
                status=GoodPractice.Status.PUBLISHED,
                summary=summaries["en"],
                themes=[themes[key] for key in theme_keys],
            )
        GoodPractice.objects.filter(pk=entry.pk).update(
            **{f"summary_{code}": text for code, text in summaries.items()}
        )
