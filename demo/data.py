"""The demo data set loaded by `manage.py load_demo`: the cities of the three national programmes
of the source documents, the people who work on them, where each candidacy stands, the councils
around the cities, how children take part (in aggregate), and the memoranda with who committed
to what.

Everything here is data; `cities/management/commands/load_demo.py` turns it into rows, moving the
candidacies only through `candidacy.services`. Names of people are invented; every one of them is
an adult (the portal never holds a child's name or contact).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext_noop

from cities.roles import Role

date = datetime.date

# --- cities -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CityRow:
    name: str
    region: str
    joined_on: datetime.date
    office_person: tuple[str, str]  # first and last name of the city's demo office login
    entity_type: str = "municipality"  # `City.EntityType`
    #: The slug of the partner that holds the candidacy jointly with it (`City.joint_with`).
    joint_with: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.name)


#: The cities whose public page shows their plan and their children's proposals (issue 12).
PUBLIC_PAGES = ("isfahan", "pavlodar")

CITIES: dict[str, tuple[CityRow, ...]] = {
    "iran": (
        CityRow(
            gettext_noop("Isfahan"),
            gettext_noop("Isfahan Province"),
            date(2018, 4, 22),
            ("Maryam", "Ahmadi"),
        ),
        CityRow(
            gettext_noop("Ahvaz"),
            gettext_noop("Khuzestan Province"),
            date(2021, 3, 1),
            ("Kourosh", "Bahrami"),
        ),
        CityRow(
            gettext_noop("Bandar Abbas"),
            gettext_noop("Hormozgan Province"),
            date(2021, 3, 1),
            ("Nasim", "Dehghani"),
        ),
        CityRow(
            gettext_noop("Tabriz"),
            gettext_noop("East Azerbaijan Province"),
            date(2021, 3, 1),
            ("Ramin", "Aliyari"),
        ),
        CityRow(
            gettext_noop("Tehran"),
            gettext_noop("Tehran Province"),
            date(2021, 3, 1),
            ("Shahrzad", "Kamali"),
        ),
        CityRow(
            gettext_noop("Rasht"),
            gettext_noop("Gilan Province"),
            date(2021, 3, 1),
            ("Babak", "Golzari"),
        ),
        CityRow(
            gettext_noop("Semnan"),
            gettext_noop("Semnan Province"),
            date(2021, 3, 1),
            ("Azadeh", "Farzin"),
        ),
        CityRow(
            gettext_noop("Shiraz"),
            gettext_noop("Fars Province"),
            date(2021, 3, 1),
            ("Pegah", "Ansari"),
        ),
        CityRow(
            gettext_noop("Kerman"),
            gettext_noop("Kerman Province"),
            date(2021, 3, 1),
            ("Omid", "Sarhaddi"),
        ),
        CityRow(
            gettext_noop("Gorgan"),
            gettext_noop("Golestan Province"),
            date(2021, 3, 1),
            ("Roya", "Mirzaei"),
        ),
        CityRow(
            gettext_noop("Mashhad"),
            gettext_noop("Razavi Khorasan Province"),
            date(2021, 3, 1),
            ("Hadi", "Rostamian"),
        ),
        CityRow(
            gettext_noop("Hamedan"),
            gettext_noop("Hamadan Province"),
            date(2021, 3, 1),
            ("Nazanin", "Ghorbani"),
        ),
        CityRow(
            gettext_noop("Yazd"),
            gettext_noop("Yazd Province"),
            date(2021, 3, 1),
            ("Mohsen", "Dashti"),
        ),
    ),
    "kazakhstan": (
        CityRow(
            gettext_noop("Astana"),
            gettext_noop("Astana (city of republican significance)"),
            date(2006, 9, 1),
            ("Dana", "Zhumabayeva"),
        ),
        CityRow(
            gettext_noop("Almaty"),
            gettext_noop("Almaty (city of republican significance)"),
            date(2006, 9, 1),
            ("Aliya", "Serikbayeva"),
        ),
        CityRow(
            gettext_noop("Saran"),
            gettext_noop("Karaganda Region"),
            date(2007, 5, 15),
            ("Yerbol", "Kassymov"),
        ),
        CityRow(
            gettext_noop("Satpayev"),
            gettext_noop("Ulytau Region"),
            date(2008, 3, 3),
            ("Gulmira", "Abenova"),
        ),
        CityRow(
            gettext_noop("Balkhash"),
            gettext_noop("Karaganda Region"),
            date(2008, 3, 3),
            ("Marat", "Iskakov"),
        ),
        CityRow(
            gettext_noop("Anai"),
            gettext_noop("Karaganda Region"),
            date(2010, 6, 1),
            ("Zhanar", "Tokhtarova"),
        ),
        CityRow(
            gettext_noop("Osakarovka"),
            gettext_noop("Karaganda Region"),
            date(2010, 6, 1),
            ("Serik", "Bekmukhanov"),
            # A rayon (Kazakhstan's model covers cities and rayons), whose candidacy Saran, its
            # neighbour in the Karaganda agglomeration, holds with it: saran.office prepares it
            # too (issue 13).
            entity_type="district_rayon",
            joint_with="saran",
        ),
        CityRow(
            gettext_noop("Semey"),
            gettext_noop("Abai Region"),
            date(2009, 4, 20),
            ("Ainur", "Kaliyeva"),
        ),
        CityRow(
            gettext_noop("Ust-Kamenogorsk"),
            gettext_noop("East Kazakhstan Region"),
            date(2007, 5, 15),
            ("Olga", "Gorbunova"),
        ),
        CityRow(
            gettext_noop("Aksu"),
            gettext_noop("Pavlodar Region"),
            date(2009, 4, 20),
            ("Bauyrzhan", "Dauletov"),
        ),
        CityRow(
            gettext_noop("Ekibastuz"),
            gettext_noop("Pavlodar Region"),
            date(2009, 4, 20),
            ("Saltanat", "Yessenova"),
        ),
        CityRow(
            gettext_noop("Pavlodar"),
            gettext_noop("Pavlodar Region"),
            date(2006, 9, 1),
            ("Irina", "Lapteva"),
        ),
        CityRow(
            gettext_noop("Aksai"),
            gettext_noop("West Kazakhstan Region"),
            date(2011, 2, 14),
            ("Nurlan", "Zhakupov"),
        ),
        CityRow(
            gettext_noop("Kyzylorda"),
            gettext_noop("Kyzylorda Region"),
            date(2012, 10, 1),
            ("Asel", "Ospanova"),
        ),
        CityRow(
            gettext_noop("Petropavlovsk"),
            gettext_noop("North Kazakhstan Region"),
            date(2013, 9, 2),
            ("Dmitry", "Sorokin"),
        ),
        CityRow(
            gettext_noop("Aktobe"),
            gettext_noop("Aktobe Region"),
            date(2014, 4, 7),
            ("Madina", "Utegenova"),
        ),
        CityRow(
            gettext_noop("Shymkent"),
            gettext_noop("Shymkent (city of republican significance)"),
            date(2015, 3, 2),
            ("Askar", "Tursynbekov"),
        ),
    ),
    "lithuania": (
        CityRow(
            gettext_noop("Vilnius"),
            gettext_noop("Vilnius County"),
            date(2019, 3, 18),
            ("Rūta", "Kazlauskienė"),
        ),
        CityRow(
            gettext_noop("Kaunas"),
            gettext_noop("Kaunas County"),
            date(2019, 5, 6),
            ("Tomas", "Petrauskas"),
        ),
        CityRow(
            gettext_noop("Alytus"),
            gettext_noop("Alytus County"),
            date(2019, 9, 9),
            ("Jurgita", "Jankauskienė"),
        ),
    ),
}

#: Where each demo city is (WGS 84 degrees, latitude then longitude, to about 100 m): the
#: public map's markers.
POSITIONS: dict[str, tuple[str, str]] = {
    "isfahan": ("32.65246", "51.67462"),
    "ahvaz": ("31.31901", "48.6842"),
    "bandar-abbas": ("27.18322", "56.26664"),
    "tabriz": ("38.08", "46.2919"),
    "tehran": ("35.6892", "51.389"),
    "rasht": ("37.28077", "49.58319"),
    "semnan": ("35.57691", "53.39205"),
    "shiraz": ("29.61031", "52.53113"),
    "kerman": ("30.28321", "57.07879"),
    "gorgan": ("36.8427", "54.44391"),
    "mashhad": ("36.29707", "59.60567"),
    "hamedan": ("34.79922", "48.51456"),
    "yazd": ("31.89722", "54.3675"),
    "astana": ("51.1694", "71.4491"),
    "almaty": ("43.25667", "76.92861"),
    "saran": ("49.79", "72.84"),
    "satpayev": ("47.9", "67.53333"),
    "balkhash": ("46.84806", "74.995"),
    "anai": ("49.78", "73.1"),
    "osakarovka": ("50.56", "72.57"),
    "semey": ("50.41111", "80.2275"),
    "ust-kamenogorsk": ("49.97143", "82.60586"),
    "aksu": ("52.04023", "76.92748"),
    "ekibastuz": ("51.72371", "75.32287"),
    "pavlodar": ("52.28733", "76.96744"),
    "aksai": ("51.17111", "53.03472"),
    "kyzylorda": ("44.85278", "65.50917"),
    "petropavlovsk": ("54.86667", "69.15"),
    "aktobe": ("50.27969", "57.20718"),
    "shymkent": ("42.3", "69.6"),
    "vilnius": ("54.68916", "25.2798"),
    "kaunas": ("54.90272", "23.90961"),
    "alytus": ("54.39635", "24.04142"),
}

ISFAHAN_DISTRICTS = 15


# --- people -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str = ""  # "" for the superuser
    scope: str = ""  # a city's slug (office staff) or a programme's key

    @property
    def email(self) -> str:
        return person_email(f"{self.first_name} {self.last_name}")


def person_email(name: str) -> str:
    """An invented work address at example.org, e.g. "Rūta Kazlauskienė" → ruta.kazlauskiene@."""
    first, *rest = name.split()
    return f"{slugify(first)}.{slugify(rest[-1]) if rest else 'cfc'}@example.org"


def office_username(slug: str) -> str:
    return f"{slug}.office"


ADMIN = DemoUser("admin", "Daniel", "Weber")

# The logins printed at the end; every other city has its own `<city>.office` login.
FEATURED_USERS = (
    DemoUser("isfahan.office", "Maryam", "Ahmadi", Role.OFFICE, "isfahan"),
    DemoUser("tabriz.office", "Ramin", "Aliyari", Role.OFFICE, "tabriz"),
    DemoUser("almaty.office", "Aliya", "Serikbayeva", Role.OFFICE, "almaty"),
    DemoUser("vilnius.office", "Rūta", "Kazlauskienė", Role.OFFICE, "vilnius"),
    DemoUser("iran.coordinator", "Leila", "Moradi", Role.COORDINATOR, "iran"),
    DemoUser("kazakhstan.coordinator", "Aigul", "Bekova", Role.COORDINATOR, "kazakhstan"),
    DemoUser("lithuania.coordinator", "Ieva", "Butkutė", Role.COORDINATOR, "lithuania"),
    DemoUser("iran.evaluator", "Elnaz", "Kiani", Role.EVALUATOR, "iran"),
    DemoUser("kazakhstan.evaluator", "Timur", "Sadvakasov", Role.EVALUATOR, "kazakhstan"),
    DemoUser("lithuania.evaluator", "Kristina", "Lindholm", Role.EVALUATOR, "lithuania"),
)


def office_users() -> list[DemoUser]:
    """One office login per city; the featured ones keep their listed names."""
    featured = {user.username: user for user in FEATURED_USERS}
    users = []
    for rows in CITIES.values():
        for row in rows:
            username = office_username(row.slug)
            users.append(
                featured.get(username)
                or DemoUser(username, *row.office_person, role=Role.OFFICE, scope=row.slug)
            )
    return users


# --- where each candidacy stands ----------------------------------------------------------------

OPEN, SUBMITTED, RETURNED, SIGNED = "open", "submitted", "returned", "signed"


@dataclass(frozen=True)
class CityPlan:
    """Where a city's candidacy stands: every stage before `stage` is approved, `stage` is in
    `state` since `days_ago` days. `SIGNED` means a joint stage that the coordinator has approved
    and the evaluator has not yet.

    `approved_on` pins the approval dates that the sources give (the others are spread evenly
    between the start and the current stage); `reviews` are the approval dates of the ongoing
    review rounds already completed; `detours` are stages that were returned once (with this
    comment) before they were approved."""

    slug: str
    started_on: datetime.date
    stage: str
    state: str
    days_ago: int
    approved_on: dict[str, datetime.date] = field(default_factory=dict)
    reviews: tuple[datetime.date, ...] = ()
    detours: dict[str, str] = field(default_factory=dict)
    comment: str = ""


def _not_older_than(day: datetime.date, today: datetime.date, days: int) -> datetime.date:
    """A dated event that keeps a badge valid: the source's date, or later if the demo is loaded
    so long afterwards that the badge would have lapsed."""
    return max(day, today - datetime.timedelta(days=days))


def city_plans(today: datetime.date) -> list[CityPlan]:
    return [
        # Iran: Isfahan is the first candidate city; the twelve pilots follow since 2021.
        CityPlan(
            "isfahan",
            date(2018, 4, 22),
            "final-evaluation",
            OPEN,
            days_ago=60,
            approved_on={
                "office-formation": date(2019, 9, 16),
                "cfc-database": date(2019, 12, 18),
                "childrens-atlas": date(2020, 5, 12),
                "plans": date(2020, 11, 24),
                "plan-submission": date(2020, 12, 15),
                "request-to-unicef": date(2021, 1, 26),
                "joint-evaluation": date(2021, 5, 9),
                "candidacy": date(2021, 6, 14),
            },
            detours={
                "childrens-atlas": (
                    "The indicators are given for the city as a whole, but the directive asks "
                    "for them per district. Please break the age bands, schools and play "
                    "spaces down for the 15 districts and add the map."
                )
            },
        ),
        CityPlan("tabriz", date(2021, 5, 10), "stocktake", SUBMITTED, days_ago=9),
        CityPlan(
            "rasht",
            date(2022, 2, 7),
            "childrens-atlas",
            RETURNED,
            days_ago=5,
            comment=(
                "The atlas covers only five of the city's districts and gives no source or "
                "date for the play-space counts. Add the indicators for the remaining "
                "districts, name the source agency of each data set and attach the map before "
                "resubmitting."
            ),
        ),
        CityPlan("shiraz", date(2021, 4, 12), "joint-evaluation", SIGNED, days_ago=8),
        CityPlan("tehran", date(2021, 9, 6), "plans", OPEN, days_ago=75),
        CityPlan("mashhad", date(2022, 1, 17), "situation-analysis", SUBMITTED, days_ago=3),
        CityPlan("kerman", date(2023, 6, 5), "situation-analysis", OPEN, days_ago=40),
        CityPlan("yazd", date(2022, 10, 3), "plans", OPEN, days_ago=120),
        CityPlan("gorgan", date(2024, 2, 12), "childrens-atlas", OPEN, days_ago=50),
        CityPlan("ahvaz", date(2024, 10, 7), "cfc-database", OPEN, days_ago=90),
        CityPlan("hamedan", date(2025, 1, 20), "cfc-database", OPEN, days_ago=30),
        CityPlan("semnan", date(2026, 3, 2), "office-formation", SUBMITTED, days_ago=15),
        CityPlan("bandar-abbas", date(2026, 6, 15), "office-formation", OPEN, days_ago=70),
        # Kazakhstan: the cities joined from 2006; their candidacies follow the accreditation
        # and certification model presented at the national forum in 2019.
        CityPlan(
            "pavlodar",
            date(2019, 6, 3),
            "ongoing-review",
            OPEN,
            days_ago=40,
            approved_on={
                "memorandum": date(2019, 7, 1),
                "strategic-programme": date(2020, 3, 16),
                "accreditation": date(2020, 11, 20),
                "certification": date(2021, 5, 28),
            },
            reviews=(date(2023, 2, 14), _not_older_than(date(2025, 6, 10), today, 1000)),
            detours={
                "strategic-programme": (
                    "Give each action of the programme a responsible department and an "
                    "indicator, and say how the school ombudsmen network will be funded."
                )
            },
        ),
        CityPlan(
            "ust-kamenogorsk",
            date(2019, 9, 2),
            "ongoing-review",
            OPEN,
            days_ago=200,
            approved_on={
                "memorandum": date(2019, 10, 1),
                "accreditation": date(2022, 4, 12),
                "certification": _not_older_than(date(2025, 2, 18), today, 1000),
            },
        ),
        CityPlan(
            "astana",
            date(2019, 6, 3),
            "certification",
            OPEN,
            days_ago=300,
            approved_on={"memorandum": date(2019, 7, 2), "assessment": date(2021, 10, 5)},
        ),
        CityPlan("aksu", date(2020, 2, 3), "certification", OPEN, days_ago=150),
        CityPlan("balkhash", date(2019, 11, 4), "certification", OPEN, days_ago=400),
        CityPlan("ekibastuz", date(2020, 2, 3), "certification", SUBMITTED, days_ago=11),
        CityPlan("kyzylorda", date(2021, 3, 1), "assessment", SIGNED, days_ago=6),
        CityPlan("satpayev", date(2021, 9, 1), "assessment", OPEN, days_ago=35),
        CityPlan("almaty", date(2023, 1, 16), "strategic-programme", OPEN, days_ago=45),
        CityPlan(
            "saran",
            date(2022, 9, 5),
            "strategic-programme",
            RETURNED,
            days_ago=12,
            comment=(
                "The programme does not yet give a budget line or indicators for the inclusive "
                "education actions (equipped rooms, transport of children to group classes). "
                "Add them, with the responsible department, and resubmit."
            ),
        ),
        CityPlan("semey", date(2023, 5, 8), "strategic-programme", SUBMITTED, days_ago=4),
        CityPlan("petropavlovsk", date(2024, 3, 4), "strategic-programme", OPEN, days_ago=60),
        CityPlan("aktobe", date(2024, 9, 2), "coordination-council", SUBMITTED, days_ago=14),
        CityPlan("shymkent", date(2025, 2, 3), "coordination-council", OPEN, days_ago=80),
        CityPlan("anai", date(2025, 4, 7), "situation-study", OPEN, days_ago=100),
        CityPlan("aksai", date(2025, 6, 2), "situation-study", OPEN, days_ago=55),
        CityPlan("osakarovka", date(2026, 7, 6), "memorandum", OPEN, days_ago=30),
        # Lithuania: Vilnius, Kaunas and Alytus joined in 2019; Vilnius holds the recognition.
        CityPlan(
            "vilnius",
            date(2019, 3, 18),
            "ongoing-review",
            SUBMITTED,
            days_ago=12,
            approved_on={
                "memorandum": date(2019, 4, 10),
                "working-group": date(2019, 9, 23),
                "action-plan": date(2020, 12, 17),
                "implementation-report": date(2022, 6, 30),
                "evaluation": date(2022, 10, 28),
                "recognition": date(2022, 12, 12),
            },
            reviews=(_not_older_than(date(2025, 11, 17), today, 1000),),
            detours={
                "situation-analysis": (
                    "Describe how the survey reached children with disabilities and children "
                    "who are not at school, and add the response rate by age group."
                )
            },
        ),
        CityPlan("kaunas", date(2019, 5, 6), "action-plan", SUBMITTED, days_ago=6),
        CityPlan(
            "alytus",
            date(2019, 9, 9),
            "situation-analysis",
            OPEN,
            days_ago=110,
            approved_on={"memorandum": date(2019, 11, 4)},
        ),
    ]


# --- what the cities wrote ----------------------------------------------------------------------
# Narratives by programme and stage key; "{city}" and "{year}" (the year the city joined) are
# filled in. A few cities have their own text, drawn from the source documents.

NARRATIVES: dict[tuple[str, str], str] = {
    ("iran", "office-formation"): (
        "Following the Child-Friendly City directive of the national Organization of "
        "Municipalities and Village Administrations, {city} Municipality formed a CFC working "
        "group under its Deputy for Urban Planning. At the deputy's request the Deputy for "
        "Planning and Coordination amended the organisation chart to add a Child-Friendly City "
        "office, and the acting head of the office was appointed by decree. The office has a "
        "head, two urban planners and a social worker."
    ),
    ("iran", "cfc-database"): (
        "The office has centralised the information on {city}'s children in one database. Data "
        "sets so far: children by age band and district (civil registration); schools and "
        "kindergartens (Provincial Education Office); parks and play spaces (Landscape and "
        "Green Space Organization); health services (University of Medical Sciences); children "
        "supported by the Provincial Welfare Organization. Each data set records its source "
        "agency, its coverage and the date of its last update."
    ),
    ("iran", "childrens-atlas"): (
        "The children's atlas assesses the situation of {city}'s children by need, by urban "
        "environment and by the spaces where people work with children. For every district it "
        "gives children by age band, schools, play spaces, health services, libraries and "
        "cultural centres, and it maps the routes children take to school."
    ),
    ("iran", "stocktake"): (
        "Review of what {city} has already done for children: play spaces renewed in the "
        "neighbourhood parks, child-friendly corners in the public libraries, road-safety "
        "lessons with the traffic police, summer programmes of the Cultural, Social and Sports "
        "Organization, and support for working children with the Provincial Welfare "
        "Organization. The initiatives are summarised by domain with the body responsible."
    ),
    ("iran", "situation-analysis"): (
        "The gap analysis compares today's situation with what a child-friendly city requires. "
        "Highest priority: a standing way for children to be heard in city decisions; safe "
        "routes to school in the older districts; child-centred emergency preparedness and "
        "rapid response (following the COVID-19 guidelines of the Ministry of Interior and "
        "UNICEF). Medium priority: play space per child in the new districts; a child-friendly "
        "budget line in the municipal budget; monitoring of children's indicators every year."
    ),
    ("iran", "plans"): (
        "A five-year strategic plan and one-year operational plans close the gaps found in the "
        "situation analysis. Each action names the responsible body, its budget line and its "
        "indicators. The plans cover participation (a children's city council), safe mobility, "
        "play and green space, emergency preparedness and a child-friendly budget."
    ),
    ("iran", "plan-submission"): (
        "The strategic and operational plans were sent to the national Organization of "
        "Municipalities and Village Administrations with the mayor's letter requesting "
        "candidacy for {city} as a child-friendly city."
    ),
    ("iran", "request-to-unicef"): (
        "The Organization of Municipalities and the Ministry of Interior's Centre for "
        "International Affairs forwarded {city}'s plans and its request for candidacy to the "
        "UNICEF country office in Tehran for evaluation."
    ),
    ("iran", "joint-evaluation"): (
        "Joint evaluation by the Ministry of Interior's international office and UNICEF of "
        "{city}'s plans and actions. Criteria assessed: children's participation, the "
        "child-friendly budget, the situation analysis and its data, the strategic plan and "
        "the coordination of the city's bodies. Findings: the office and its database are in "
        "place and the plans answer the gaps found; monitoring needs yearly indicators. "
        "Decision: candidacy recommended."
    ),
    ("iran", "candidacy"): (
        "{city} is granted candidate status in UNICEF's Child-Friendly Cities Initiative, "
        "jointly with the Ministry of Interior. From now on every stage of the city's work is "
        "evaluated and monitored by the national steering committee."
    ),
    ("iran", "final-evaluation"): (
        "Evaluation for the badge, on the strategic plan and three to five years of "
        "performance. Under review so far: the district plans, the children's city council's "
        "sessions, the child-friendly budget lines, and the commitments of each party."
    ),
    ("kazakhstan", "memorandum"): (
        "The Committee for children's rights protection of the Ministry of Education and "
        "Science and the akimat of {city} signed a memorandum of cooperation on the "
        "Child-Friendly Cities initiative under the accreditation and certification model "
        "developed with UNICEF. {city} first joined the initiative in {year}."
    ),
    ("kazakhstan", "situation-study"): (
        "Study of the conditions of children and families in {city}, with data from the city's "
        "departments of education, health, employment and social protection and from the "
        "juvenile affairs police, a survey of families, and group discussions held in schools "
        "with the children's maslikhat (answers kept anonymous). Main findings: access to "
        "inclusive education, play and sport outside the centre, and support for families in "
        "difficulty."
    ),
    ("kazakhstan", "coordination-council"): (
        "An interdepartmental coordination council was established by the akim's decree, "
        "chaired by the deputy akim for social affairs, with the departments of education, "
        "health, employment and social protection, culture and sport, youth policy, the police "
        "and NGOs working with children. It meets every quarter."
    ),
    ("kazakhstan", "strategic-programme"): (
        "The strategic programme for implementing the initiative in {city} was developed by the "
        "coordination council and adopted by the city maslikhat. It sets goals for health, "
        "education, protection, play and participation, with the responsible department, the "
        "budget and the indicators of each action."
    ),
    ("kazakhstan", "assessment"): (
        "Assessment of {city}: governance structures (coordination council, strategic "
        "programme, budget), results by sector (health, education, social protection, leisure) "
        "and children's views gathered through the children's maslikhat and school surveys."
    ),
    ("kazakhstan", "accreditation"): (
        "On the strength of the assessment, {city} is accredited as a candidate child-friendly "
        "city. The city presents its progress at the yearly national forum."
    ),
    ("kazakhstan", "certification"): (
        "Certification review of {city}: results of the strategic programme over three years, "
        "the work of the coordination council and the children's maslikhat, and a visit to "
        "child-friendly polyclinics, libraries and schools."
    ),
    ("kazakhstan", "ongoing-review"): (
        "Monitoring report, round {round}: progress on the strategic programme's indicators, "
        "the coordination council's minutes, and what children said in the children's "
        "maslikhat; presented at the national forum of child-friendly cities."
    ),
    ("lithuania", "memorandum"): (
        "{city} City Municipality signed a memorandum of cooperation with UNICEF Lithuania, the "
        "national committee, to join the Child Friendly Cities Initiative in {year}."
    ),
    ("lithuania", "working-group"): (
        "The mayor's order set up an interdepartmental working group (education, social "
        "services, public health, urban development, the child rights protection service and "
        "NGOs) and appointed the initiative's coordinator in the Education Department."
    ),
    ("lithuania", "situation-analysis"): (
        "Situation analysis of {city}'s children, with municipal statistics and an anonymous "
        "survey of children in schools and youth centres on safety, play, health and being "
        "heard. Methods and questionnaires were shared by the Nordic-Baltic network of UNICEF "
        "national committees."
    ),
    ("lithuania", "action-plan"): (
        "The action plan answers the priorities of the situation analysis and the survey of "
        "children: safe streets around schools, mental health support, play spaces in every "
        "district and a children's council. It was adopted by the city council with its budget."
    ),
    ("lithuania", "implementation-report"): (
        "Report on the first two years of the action plan: actions completed, indicators, "
        "budget spent, and what children said about the results in the children's council."
    ),
    ("lithuania", "evaluation"): (
        "Evaluation of {city}'s action plan and implementation report by UNICEF Lithuania, "
        "with a visit and a meeting with the working group and the children's council. "
        "Recommendation: recognition."
    ),
    ("lithuania", "recognition"): (
        "{city} receives UNICEF's Child Friendly City recognition for three years."
    ),
    ("lithuania", "ongoing-review"): (
        "Monitoring report, round {round}: progress on the action plan's indicators, the "
        "children's council's proposals and how the city answered them, and the training "
        "material exchanged in the Nordic-Baltic network."
    ),
}

CITY_NARRATIVES: dict[tuple[str, str], str] = {
    ("isfahan", "office-formation"): (
        "Under the Child-Friendly City directive of the national Organization of "
        "Municipalities and Village Administrations, a CFC working group was formed under the "
        "Deputy for Urban Planning. The deputy asked the Deputy for Planning and Coordination "
        "to amend the organisation chart and add a Child-Friendly City office; with the decree "
        "appointing its acting head, the office was established under the Deputy for Urban "
        "Planning on 1398/05/28 (19 August 2019)."
    ),
    ("isfahan", "childrens-atlas"): (
        "The children's atlas assesses the situation of Isfahan's children by need, urban "
        "environment and the spaces where people work with children, for each of the 15 "
        "districts: children by age band, schools, play spaces, health services, libraries and "
        "cultural centres, with a map per district."
    ),
    ("isfahan", "stocktake"): (
        "What Isfahan has already done for children: the children's house in Ghalamestan park, "
        "the largest in the city, for play and learning; a space for children beside the "
        "Artists' House; mother-and-child rooms at the Soffeh and Kaveh bus terminals; the "
        "inaugural national symposium on child-friendly budgets and monitoring plans."
    ),
    ("isfahan", "plans"): (
        "The strategic plan runs to 1400 and the city's CFC programme to 1405; a one-and-a-half "
        "year operational plan was agreed with UNICEF. Each of the 15 district mayors has "
        "drafted a CFC plan for the district. Actions name the responsible body, the budget "
        "line and the indicators; a children's city council is part of the plan."
    ),
    ("isfahan", "final-evaluation"): (
        "Evaluation for the badge, on the strategic plan and performance from 1400 to 1405. "
        "Reviewed so far: the 15 district plans, the children's city council, the child-centred "
        "emergency preparedness guidelines of the joint project with the Ministry of Interior, "
        "and the parties' commitments: the municipality has kept all of its own, while the "
        "UNICEF funding promised under the ministry's memorandum has not yet been allocated."
    ),
    ("saran", "strategic-programme"): (
        "Saran's strategic programme builds on its inclusive education work: specially "
        "equipped rooms in schools and the transport of children with disabilities to group "
        "classes, a child-friendly polyclinic and a centre for support of childhood and family."
    ),
    ("almaty", "strategic-programme"): (
        "Draft of Almaty's strategic programme for the initiative: child-friendly polyclinics "
        "and libraries in every district, a centre for troubled families, safe play spaces in "
        "the new residential areas and a city children's maslikhat. Budget lines to be agreed "
        "with the akimat's finance department."
    ),
    ("pavlodar", "strategic-programme"): (
        "Pavlodar's strategic programme, adopted by the city maslikhat: the network of school "
        "ombudsmen in every school, the children's maslikhat, child-friendly polyclinics, and "
        "support for families in difficulty, each action with its department and indicator."
    ),
    ("vilnius", "recognition"): (
        "Vilnius receives UNICEF's Child Friendly City recognition in December 2022, for three "
        "years, and enters ongoing review to keep it."
    ),
}

REVISION_NOTE = "Revised after the review comments of {day:%d %B %Y}."


def narrative(
    programme_key: str,
    slug: str,
    city_name: str,
    joined: datetime.date,
    stage_key: str,
    round: int = 1,
) -> str:
    text = CITY_NARRATIVES.get((slug, stage_key)) or NARRATIVES.get(
        (programme_key, stage_key),
        "{city}: work on this stage, with its documents, as agreed with the coordinator.",
    )
    return text.format(city=city_name, year=joined.year, round=round)


# --- councils and the people around the cities --------------------------------------------------


@dataclass(frozen=True)
class CouncilTypeRow:
    key: str
    name: str
    involves_children: bool = False


COUNCIL_TYPES: dict[str, tuple[CouncilTypeRow, ...]] = {
    "iran": (
        CouncilTypeRow("policy-council", gettext_noop("Policy council")),
        CouncilTypeRow("steering-council", gettext_noop("Steering council")),
        CouncilTypeRow("think-tank", gettext_noop("Think tank of child experts")),
        CouncilTypeRow(
            "childrens-city-council",
            gettext_noop("Children's city council"),
            involves_children=True,
        ),
    ),
    "kazakhstan": (
        CouncilTypeRow(
            "coordination-council", gettext_noop("Interdepartmental coordination council")
        ),
        CouncilTypeRow(
            "childrens-maslikhat", gettext_noop("Children's maslikhat"), involves_children=True
        ),
        CouncilTypeRow("school-ombudsmen", gettext_noop("School ombudsmen network")),
        CouncilTypeRow("council-of-fathers", gettext_noop("Council of Fathers")),
    ),
    "lithuania": (
        CouncilTypeRow("working-group", gettext_noop("Working group")),
        CouncilTypeRow(
            "childrens-council", gettext_noop("Children's council"), involves_children=True
        ),
    ),
}

CHAIR, SECRETARY, MEMBER = "chair", "secretary", "member"


@dataclass(frozen=True)
class Seat:
    organisation: str
    inside_municipality: bool
    representative: str  # an adult, invented
    position: str
    seat_role: str = MEMBER


@dataclass(frozen=True)
class CouncilRow:
    city: str  # slug
    council_type: str  # key
    name: str
    established_on: datetime.date
    term: tuple[datetime.date, datetime.date]
    seats: tuple[Seat, ...]


# Isfahan's policy council, as the municipality lists it: 15 bodies inside the municipality and
# 14 outside it.
ISFAHAN_POLICY_COUNCIL = (
    Seat("Deputy for Technical and Infrastructure Affairs", True, "Reza Karimi", "Deputy mayor"),
    Seat("Deputy for Transport and Traffic", True, "Hamid Sadeghi", "Deputy mayor"),
    Seat("Deputy for Planning and Coordination", True, "Mahmoud Rahimi", "Deputy mayor", CHAIR),
    Seat("Urban Freight and Passenger Transport Management", True, "Ali Asgari", "Director"),
    Seat(
        "Communications and International Affairs Management",
        True,
        "Narges Tavakoli",
        "Director",
        SECRETARY,
    ),
    Seat("District 1 and District 2 Municipalities", True, "Javad Nikbakht", "District mayor"),
    Seat(
        "Transport Network Management and Engineering Organization",
        True,
        "Saeed Mousavi",
        "Managing director",
    ),
    Seat("Cemeteries Management Organization", True, "Abbas Ghaffari", "Managing director"),
    Seat(
        "Information and Communication Technology Organization",
        True,
        "Elham Ranjbar",
        "Managing director",
    ),
    Seat("Cultural, Social and Sports Organization", True, "Shirin Jafari", "Managing director"),
    Seat(
        "Urban Development and Regeneration Organization",
        True,
        "Mehdi Farahani",
        "Managing director",
    ),
    Seat("Landscape and Green Space Organization", True, "Kamran Ebrahimi", "Managing director"),
    Seat("Waste Management Organization", True, "Hossein Bagheri", "Managing director"),
    Seat("Fire and Safety Services Organization", True, "Majid Yousefi", "Fire chief"),
    Seat("Municipal Tourism Office", True, "Parisa Kazemi", "Head of office"),
    Seat("Provincial Welfare Organization", False, "Mina Soltani", "Director-General"),
    Seat(
        "Institute for the Intellectual Development of Children and Young Adults",
        False,
        "Fereshteh Amini",
        "Provincial director",
    ),
    Seat(
        "Governorate's Director-General for Women and Family Affairs",
        False,
        "Zahra Hashemi",
        "Director-General",
    ),
    Seat(
        "Provincial Office of Culture and Islamic Guidance",
        False,
        "Morteza Akbari",
        "Director-General",
    ),
    Seat("Provincial Public Libraries", False, "Nasrin Salehi", "Director-General"),
    Seat(
        "Provincial Education Office",
        False,
        "Ahmad Nouri",
        "Deputy Director-General for primary education",
    ),
    Seat(
        "Provincial Office of Cultural Heritage, Handicrafts and Tourism",
        False,
        "Behrouz Heidari",
        "Director-General",
    ),
    Seat("Provincial Office of Sports and Youth", False, "Farhad Mohammadi", "Director-General"),
    Seat("Provincial Endowments Office", False, "Hassan Zamani", "Director-General"),
    Seat("University of Medical Sciences", False, "Soheila Rostami", "Vice-chancellor for health"),
    Seat("Red Crescent Society", False, "Kaveh Rezvani", "Provincial managing director"),
    Seat(
        "Technical and Vocational Training Organization",
        False,
        "Gholamreza Shafiei",
        "Director-General",
    ),
    Seat("Science and Technology Park", False, "Arash Naderi", "Head of the park"),
    Seat(
        "Private bodies (a child and family support centre, architecture academies)",
        False,
        "Ladan Parvizi",
        "Representative of the private bodies",
    ),
)

CFC_OFFICE = "Child-Friendly City Office (Deputy for Urban Planning)"

_IRAN_TERM = (date(2024, 3, 20), date(2028, 3, 19))  # 1403/01/01 to 1406/12/28

ISFAHAN_COUNCILS = (
    CouncilRow(
        "isfahan",
        "policy-council",
        "Policy council of the Child-Friendly City office",
        date(2019, 10, 14),
        _IRAN_TERM,
        ISFAHAN_POLICY_COUNCIL,
    ),
    CouncilRow(
        "isfahan",
        "steering-council",
        "Child-Friendly City steering council",
        date(2021, 7, 5),
        _IRAN_TERM,
        (
            Seat(
                "Deputy for Planning and Coordination",
                True,
                "Mahmoud Rahimi",
                "Deputy mayor",
                CHAIR,
            ),
            Seat(CFC_OFFICE, True, "Maryam Ahmadi", "Head of the CFC office", SECRETARY),
            Seat(
                "Governorate's Director-General for Women and Family Affairs",
                False,
                "Zahra Hashemi",
                "Director-General",
            ),
            Seat("Provincial Welfare Organization", False, "Mina Soltani", "Director-General"),
            Seat(
                "Provincial Education Office",
                False,
                "Ahmad Nouri",
                "Deputy Director-General for primary education",
            ),
            Seat("Red Crescent Society", False, "Kaveh Rezvani", "Provincial managing director"),
        ),
    ),
    CouncilRow(
        "isfahan",
        "think-tank",
        "Think tank of child experts",
        date(2021, 9, 20),
        _IRAN_TERM,
        (
            Seat(
                "University of Isfahan, Department of Psychology",
                False,
                "Mojgan Esfandiari",
                "Professor of developmental psychology",
                CHAIR,
            ),
            Seat(CFC_OFFICE, True, "Maryam Ahmadi", "Head of the CFC office", SECRETARY),
            Seat("University of Medical Sciences", False, "Soheila Rostami", "Paediatrician"),
            Seat(
                "Art University of Isfahan, Faculty of Architecture and Urban Planning",
                False,
                "Farid Alavi",
                "Associate professor of urban design",
            ),
            Seat(
                "Institute for the Intellectual Development of Children and Young Adults",
                False,
                "Fereshteh Amini",
                "Provincial director",
            ),
        ),
    ),
    CouncilRow(
        "isfahan",
        "childrens-city-council",
        "Isfahan children's city council",
        date(2020, 11, 20),
        _IRAN_TERM,
        (
            # The children themselves are recorded in aggregate only; these are the adults'
            # organisations that run the council with them.
            Seat(CFC_OFFICE, True, "Maryam Ahmadi", "Head of the CFC office", SECRETARY),
            Seat(
                "Cultural, Social and Sports Organization",
                True,
                "Shirin Jafari",
                "Managing director",
            ),
            Seat(
                "Provincial Education Office",
                False,
                "Ahmad Nouri",
                "Deputy Director-General for primary education",
            ),
        ),
    ),
)

_KAZAKH_NAMES = (  # one adult per seat, never repeated across cities
    "Gulnara Zhaksybekova",
    "Yerlan Tulegenov",
    "Saule Mukhametova",
    "Daniyar Omarov",
    "Aizhan Nurpeisova",
    "Bakhyt Sarsenbayev",
    "Zhanna Ismailova",
    "Ruslan Akhmetov",
    "Botagoz Ualiyeva",
    "Sergei Volkov",
    "Dinara Kenzhebayeva",
    "Almas Zhunussov",
    "Nurzhan Baimukhanov",
    "Aigerim Sadykova",
    "Marlen Dzhaksylykov",
    "Galina Petrenko",
    "Yerzhan Kuanyshev",
    "Kamila Rakhimova",
    "Talgat Mussin",
    "Svetlana Nikitina",
    "Arman Beisenov",
    "Laura Temirbekova",
    "Nikolai Shevchenko",
    "Gaukhar Alimzhanova",
    "Rustem Kenesbayev",
    "Madina Kozhakhmetova",
    "Viktor Ponomarev",
    "Assel Ibrayeva",
    "Berik Amanzholov",
    "Elmira Suleimenova",
    "Oleg Kravchenko",
    "Zarina Tokayeva",
    "Murat Zhanibekov",
    "Yelena Morozova",
)

_LITHUANIAN_NAMES = (
    "Mindaugas Stankevičius",
    "Eglė Vasiliauskienė",
    "Darius Žukauskas",
    "Laura Paulauskaitė",
    "Andrius Butkus",
    "Vaida Navickienė",
    "Giedrius Urbonas",
    "Simona Kavaliauskaitė",
    "Paulius Rimkus",
    "Inga Sakalauskienė",
    "Justinas Vaitkus",
    "Neringa Balčiūnienė",
    "Karolis Mažeika",
    "Aistė Jonaitytė",
    "Vytautas Grigas",
)

_KAZAKH_TERM = (date(2025, 1, 1), date(2027, 12, 31))
_LITHUANIAN_TERM = (date(2023, 9, 1), date(2027, 8, 31))


def _kazakh_councils() -> list[CouncilRow]:
    names = iter(_KAZAKH_NAMES)
    councils = []
    for city, established in (
        ("Astana", date(2019, 9, 10)),
        ("Almaty", date(2023, 3, 1)),
        ("Pavlodar", date(2019, 8, 26)),
        ("Ust-Kamenogorsk", date(2019, 11, 11)),
    ):
        councils.append(
            CouncilRow(
                slugify(city),
                "coordination-council",
                f"Interdepartmental coordination council of {city}",
                established,
                _KAZAKH_TERM,
                (
                    Seat(
                        f"Akimat of {city}",
                        True,
                        next(names),
                        "Deputy akim for social affairs",
                        CHAIR,
                    ),
                    Seat(
                        f"Education Department of {city}",
                        True,
                        next(names),
                        "Head of department",
                        SECRETARY,
                    ),
                    Seat(f"Health Department of {city}", True, next(names), "Head of department"),
                    Seat(
                        f"Employment and Social Programmes Department of {city}",
                        True,
                        next(names),
                        "Head of department",
                    ),
                    Seat(
                        f"Juvenile Affairs Inspectorate of the {city} Police Department",
                        False,
                        next(names),
                        "Senior inspector",
                    ),
                ),
            )
        )
    for city in ("Pavlodar", "Aksu", "Ekibastuz", "Balkhash", "Kyzylorda", "Ust-Kamenogorsk"):
        councils.append(
            CouncilRow(
                slugify(city),
                "childrens-maslikhat",
                f"Children's maslikhat of {city}",
                date(2018, 2, 1),
                _KAZAKH_TERM,
                (
                    # The adults' organisations that support the children's parliament.
                    Seat(
                        f"Education Department of {city}",
                        True,
                        next(names),
                        "Coordinator of the children's maslikhat",
                        SECRETARY,
                    ),
                    Seat(
                        f"Youth Policy Department of {city}",
                        True,
                        next(names),
                        "Chief specialist for youth participation",
                    ),
                ),
            )
        )
    councils.append(
        CouncilRow(
            "satpayev",
            "council-of-fathers",
            "Council of Fathers of Satpayev",
            date(2016, 6, 1),
            _KAZAKH_TERM,
            (
                Seat(
                    "Akimat of Satpayev", True, next(names), "Deputy akim for social affairs", CHAIR
                ),
                Seat(
                    "Education Department of Satpayev",
                    True,
                    next(names),
                    "Coordinator of work with families",
                    SECRETARY,
                ),
            ),
        )
    )
    councils.append(
        CouncilRow(
            "pavlodar",
            "school-ombudsmen",
            "Network of school ombudsmen of Pavlodar",
            date(2017, 9, 1),
            _KAZAKH_TERM,
            (
                Seat(
                    "Education Department of Pavlodar",
                    True,
                    "Lyudmila Kovalenko",
                    "Coordinator of the school ombudsmen network",
                    CHAIR,
                ),
                Seat(
                    "Office of the Commissioner for Children's Rights, Pavlodar Region",
                    False,
                    "Kairat Abdrakhmanov",
                    "Regional representative",
                ),
                Seat(
                    "Pavlodar Pedagogical University",
                    False,
                    "Tatyana Belova",
                    "Trainer of school ombudsmen",
                ),
            ),
        )
    )
    return councils


def _lithuanian_councils() -> list[CouncilRow]:
    names = iter(_LITHUANIAN_NAMES)
    councils = []
    for city, county, established in (
        ("Vilnius", "Vilnius County", date(2019, 9, 2)),
        ("Kaunas", "Kaunas County", date(2019, 10, 7)),
        ("Alytus", "Alytus County", date(2020, 1, 13)),
    ):
        councils.append(
            CouncilRow(
                slugify(city),
                "working-group",
                f"{city} Child Friendly City working group",
                established,
                _LITHUANIAN_TERM,
                (
                    Seat(f"{city} City Municipality", True, next(names), "Deputy mayor", CHAIR),
                    Seat(
                        f"{city} City Municipality Administration, Education Department",
                        True,
                        next(names),
                        "Child Friendly City coordinator",
                        SECRETARY,
                    ),
                    Seat(
                        f"{city} City Municipality Administration, Social Services Department",
                        True,
                        next(names),
                        "Head of the children and family division",
                    ),
                    Seat(
                        f"{city} City Public Health Bureau",
                        True,
                        next(names),
                        "Public health specialist",
                    ),
                    Seat(
                        f"State Child Rights Protection and Adoption Service, {county} division",
                        False,
                        next(names),
                        "Head of division",
                    ),
                ),
            )
        )
    return councils


def councils() -> list[CouncilRow]:
    return [*ISFAHAN_COUNCILS, *_kazakh_councils(), *_lithuanian_councils()]


# --- organisations' sectors -----------------------------------------------------------------------

_SECTOR_WORDS = (  # the first match in an organisation's name decides its sector
    ("Red Crescent", "ngo"),
    ("Institute for the Intellectual Development", "government"),
    ("Private bodies", "private"),
    ("University", "university"),
    ("Science and Technology Park", "university"),
    ("Pedagogical University", "university"),
)


def sector_of(name: str, inside_municipality: bool) -> str:
    """The demo organisation's sector (`cities.Organisation.Sector` values)."""
    for words, sector in _SECTOR_WORDS:
        if words in name:
            return sector
    return "municipal" if inside_municipality else "government"


# --- children's participation, in aggregate ------------------------------------------------------


@dataclass(frozen=True)
class MakeUpRow:
    city: str
    council_type: str
    recorded_on: datetime.date
    counts: tuple[int, int, int, int, int, int]  # girls/boys under 10, 10-13, 14-17
    selection: str
    children_with_disabilities: str
    minority_children: str
    selection_note: str = ""


MAKEUPS = (
    MakeUpRow(
        "isfahan",
        "childrens-city-council",
        date(2024, 10, 1),
        (0, 0, 8, 7, 8, 7),
        "elected_districts",
        "yes",
        "yes",
        "Two members elected in each of the 15 districts' schools for a two-year term.",
    ),
    *(
        MakeUpRow(
            slugify(city),
            "childrens-maslikhat",
            date(2024, 9, 15),
            counts,
            "elected_schools",
            disabilities,
            "yes",
            "Deputies elected by the pupils of the city's schools each September.",
        )
        for city, counts, disabilities in (
            ("Pavlodar", (0, 0, 6, 5, 7, 7), "yes"),
            ("Aksu", (0, 0, 4, 4, 4, 3), "unknown"),
            ("Ekibastuz", (0, 0, 5, 4, 5, 5), "yes"),
            ("Balkhash", (0, 0, 3, 4, 4, 4), "no"),
            ("Kyzylorda", (0, 0, 6, 6, 5, 6), "yes"),
            ("Ust-Kamenogorsk", (0, 0, 5, 5, 6, 5), "unknown"),
        )
    ),
)


@dataclass(frozen=True)
class SessionRow:
    city: str
    council_type: str
    held_on: datetime.date
    topic: str
    attendance: int


SESSIONS = (
    SessionRow(
        "isfahan", "childrens-city-council", date(2023, 11, 20), "Play spaces in the districts", 27
    ),
    SessionRow("isfahan", "childrens-city-council", date(2024, 2, 14), "Safe routes to school", 29),
    SessionRow(
        "isfahan",
        "childrens-city-council",
        date(2024, 5, 8),
        "The children's house in Ghalamestan park",
        25,
    ),
    SessionRow(
        "isfahan",
        "childrens-city-council",
        date(2024, 11, 20),
        "World Children's Day: the city budget for children",
        30,
    ),
    SessionRow("pavlodar", "childrens-maslikhat", date(2024, 10, 10), "Bullying in schools", 24),
    SessionRow(
        "pavlodar", "childrens-maslikhat", date(2025, 2, 20), "Child-friendly libraries", 22
    ),
    SessionRow(
        "kyzylorda", "childrens-maslikhat", date(2024, 11, 20), "Sport grounds in the yards", 21
    ),
)


@dataclass(frozen=True)
class ProposalRow:
    city: str
    council_type: str
    title: str
    received_on: datetime.date
    status: str = "received"
    answer: str = ""
    answered_on: datetime.date | None = None
    responsible: str = ""  # an organisation of the city, by name
    details: str = ""
    plan_action: str = ""  # the action of the city's operational plans carrying it out, by title
    # who put it forward, in aggregate: girls and boys under 10, 10 to 13, 14 to 17
    # (stakeholders.ChildrenCounts.COUNT_FIELDS' order)
    counts: tuple[int, int, int, int, int, int] = (0, 0, 0, 0, 0, 0)
    district: int | None = None  # the number of the city's district it came from, if one


PROPOSALS = (
    ProposalRow(
        "isfahan",
        "childrens-city-council",
        "A children's house in Ghalamestan park",
        date(2021, 2, 10),
        "implemented",
        "The children's house opened in Ghalamestan park, with a library, a workshop and a "
        "garden that children help run.",
        date(2022, 6, 1),
        "Landscape and Green Space Organization",
        "A place in the park that belongs to children, where they can read, build and meet.",
        "Children's house in Ghalamestan park: a year-round programme for families",
        counts=(3, 2, 6, 4, 2, 1),
        district=3,
    ),
    ProposalRow(
        "isfahan",
        "childrens-city-council",
        "Mother-and-child rooms at the bus terminals",
        date(2021, 9, 5),
        "implemented",
        "Mother-and-child rooms were opened at the Kaveh and Soffeh bus terminals.",
        date(2022, 10, 15),
        "Urban Freight and Passenger Transport Management",
        plan_action="Mother-and-child rooms at the Soffeh and Kaveh bus terminals: refurbishment "
        "and longer opening hours",
        counts=(2, 1, 3, 2, 4, 3),
    ),
    ProposalRow(
        "isfahan",
        "childrens-city-council",
        "Safe routes to school: crossings and slower traffic near schools",
        date(2024, 2, 14),
        "accepted",
        "Raised crossings and 30 km/h zones are planned at 40 schools, starting with districts "
        "5 and 13 this year.",
        date(2024, 4, 30),
        "Deputy for Transport and Traffic",
        counts=(0, 0, 8, 7, 3, 4),
        district=5,
    ),
    ProposalRow(
        "isfahan",
        "childrens-city-council",
        "More play spaces with shade in the southern districts",
        date(2023, 11, 20),
        "considering",
        "The Green Space Organization is surveying the parks of districts 6, 12 and 14; the "
        "children's council will see the plans before they are built.",
        date(2024, 1, 20),
        "Landscape and Green Space Organization",
        counts=(2, 2, 4, 4, 1, 1),
        district=12,
    ),
    ProposalRow(
        "isfahan",
        "childrens-city-council",
        "A skate park on the riverbank",
        date(2023, 11, 20),
        "declined",
        "The riverbank is a protected area; the city offered a site in Soffeh park instead, "
        "which the children's council is discussing.",
        date(2024, 3, 1),
        "Cultural, Social and Sports Organization",
        counts=(0, 0, 1, 1, 1, 1),
        district=14,
    ),
    ProposalRow(
        "isfahan",
        "childrens-city-council",
        "Children's seats on the city's budget hearings",
        date(2024, 11, 20),
        counts=(0, 0, 2, 3, 4, 4),
    ),
    ProposalRow(
        "pavlodar",
        "childrens-maslikhat",
        "A trust telephone line in every school",
        date(2024, 10, 10),
        "implemented",
        "Every school now shows the number of the trust line, and the school ombudsmen answer it.",
        date(2025, 1, 15),
        "Education Department of Pavlodar",
        counts=(0, 0, 5, 4, 6, 3),
    ),
    ProposalRow(
        "pavlodar",
        "childrens-maslikhat",
        "Longer opening hours of the children's library",
        date(2025, 2, 20),
        counts=(1, 2, 3, 3, 0, 0),
    ),
)


# --- memoranda and commitments --------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentRow:
    party: str  # stakeholders.Commitment.Party values
    description: str
    due_on: datetime.date | None
    status: str = "pending"
    evidence_note: str = ""
    status_changed_on: datetime.date | None = None
    party_name: str = ""


@dataclass(frozen=True)
class MemorandumRow:
    city: str
    title: str
    parties: str
    signed_on: datetime.date
    commitments: tuple[CommitmentRow, ...]
    summary: str = ""


ISFAHAN_MEMORANDUM = MemorandumRow(
    "isfahan",
    "Memorandum on Isfahan as the pilot Child-Friendly City",
    "Ministry of Interior (Centre for International Affairs), UNICEF Iran country office, "
    "Isfahan Municipality",
    date(2018, 4, 22),
    (
        CommitmentRow(
            "unicef",
            "Fund technical assistance for Isfahan's CFC office and its children's atlas.",
            date(2020, 3, 19),
        ),
        CommitmentRow(
            "unicef",
            "Co-fund the joint project on child-centred emergency preparedness (COVID-19).",
            date(2022, 12, 31),
        ),
        CommitmentRow(
            "ministry",
            "Guide the municipality under the national directive and evaluate its plans with "
            "UNICEF.",
            date(2021, 3, 20),
            "fulfilled",
            "The joint evaluation was held and Isfahan became a candidate city.",
            date(2021, 6, 5),
        ),
        CommitmentRow(
            "city",
            "Form a Child-Friendly City office in the municipality.",
            date(2019, 9, 22),
            "fulfilled",
            "Office established on 1398/05/28 (2019-08-19) under the Deputy for Urban Planning.",
            date(2019, 8, 19),
        ),
        CommitmentRow(
            "city",
            "Form the children's city council.",
            date(2020, 12, 20),
            "fulfilled",
            "The children's city council met for the first time on 2020-11-20.",
            date(2020, 11, 20),
        ),
        CommitmentRow(
            "city",
            "Adopt a 5-year strategic plan and yearly operational plans, one per district.",
            date(2021, 3, 20),
            "fulfilled",
            "The strategic plan and the 15 district plans were adopted by the city council.",
            date(2021, 3, 10),
        ),
    ),
    "The memorandum that made Isfahan the first pilot city. By the city's account, UNICEF's "
    "funding never arrived while the municipality kept all of its own commitments.",
)


_KAZAKH_PARTIES = (
    "Ministry of Education and Science (Committee for children's rights protection), "
    "UNICEF Kazakhstan, Akimat of {city}"
)
# Cities whose coordination council is in the demo: their akimat kept that commitment.
_KAZAKH_COORDINATION = {"astana", "almaty", "pavlodar", "ust-kamenogorsk"}


def _kazakh_memorandum(slug: str, name: str, joined: datetime.date) -> MemorandumRow:
    council_due = joined.replace(year=joined.year + 1)
    council_kept = slug in _KAZAKH_COORDINATION
    return MemorandumRow(
        slug,
        f"Memorandum of cooperation on {name} as a Child-Friendly City",
        _KAZAKH_PARTIES.format(city=name),
        joined,
        (
            CommitmentRow(
                "province",
                "Establish an interdepartmental coordination council under the akim.",
                council_due,
                "fulfilled" if council_kept else "pending",
                "Established by the akim's decree." if council_kept else "",
                council_due - datetime.timedelta(days=30) if council_kept else None,
            ),
            CommitmentRow(
                "province",
                "Fund the children's maslikhat and the school ombudsmen from the city budget.",
                joined.replace(year=joined.year + 2),
                "fulfilled",
                "Budget lines adopted by the city maslikhat.",
                joined.replace(year=joined.year + 2) - datetime.timedelta(days=60),
            ),
            CommitmentRow(
                "ministry",
                "Accredit the city's programme and invite it to the yearly national forum.",
                None,
            ),
            CommitmentRow(
                "unicef",
                "Train the city's specialists in the accreditation and certification model.",
                joined.replace(year=joined.year + 1),
                "fulfilled",
                "Training held with the city's departments.",
                joined + datetime.timedelta(days=200),
            ),
        ),
    )


def _lithuanian_memorandum(slug: str, name: str, joined: datetime.date) -> MemorandumRow:
    return MemorandumRow(
        slug,
        f"Memorandum of cooperation between {name} and UNICEF Lithuania",
        f"UNICEF Lithuania (national committee), {name} City Municipality",
        joined,
        (
            CommitmentRow(
                "city",
                "Set up a Child Friendly City working group and a children's council.",
                joined.replace(year=joined.year + 1),
                "fulfilled",
                "Working group set up by the mayor's order.",
                joined + datetime.timedelta(days=120),
            ),
            CommitmentRow(
                "city",
                "Run a situation analysis of children's rights in the city and adopt an action "
                "plan.",
                date(2021, 12, 31),
                "fulfilled",
                "Situation analysis published; action plan adopted by the city council.",
                date(2021, 11, 25),
            ),
            CommitmentRow(
                "unicef",
                "Share methods and training material of the Nordic-Baltic network of committees.",
                date(2020, 12, 31),
                "fulfilled",
                "Two network trainings attended by the working group.",
                date(2020, 10, 5),
            ),
            CommitmentRow(
                "city",
                "Report yearly on the action plan to the children's council.",
                date(2026, 12, 31),
            ),
        ),
    )


def memoranda() -> list[MemorandumRow]:
    """Isfahan's pilot memorandum, one with each Kazakh city's akimat, and the three Lithuanian
    cities' memoranda with UNICEF Lithuania (2019)."""
    rows = [ISFAHAN_MEMORANDUM]
    for key, make in (("kazakhstan", _kazakh_memorandum), ("lithuania", _lithuanian_memorandum)):
        rows += [make(row.slug, row.name, row.joined_on) for row in CITIES[key]]
    return rows


# --- a closed programme kept on record -----------------------------------------------------------

#: The demo's closed programme: Lithuania's earlier Child-Friendly Municipality project, which
#: ended when UNICEF Lithuania ceased its activity (closed on 30 April 2024). A separate
#: programme, so that Lithuania's live pipeline goes on in the demo. Names per language.
CLOSED_PROGRAMME_KEY = "lt-2018"
CLOSED_ON = datetime.date(2024, 4, 30)
CLOSED_NAMES = {
    "en": "Child-Friendly Municipality (UNICEF Lithuania, 2018–2024)",
    "lt": "Vaikams palanki savivaldybė (UNICEF Lietuva, 2018–2024)",
    "ru": "Муниципалитет, дружественный детям (ЮНИСЕФ Литва, 2018–2024)",
    "kk": "Балаларға қолайлы муниципалитет (ЮНИСЕФ Литва, 2018–2024)",
    "fa": "شهرداری دوستدار کودک (یونیسف لیتوانی، ۲۰۱۸–۲۰۲۴)",
}
CLOSED_BODIES = {
    "en": "UNICEF Lithuania (national committee)",
    "lt": "UNICEF Lietuva (nacionalinis komitetas)",
    "ru": "ЮНИСЕФ Литва (национальный комитет)",
    "kk": "ЮНИСЕФ Литва (ұлттық комитет)",
    "fa": "یونیسف لیتوانی (کمیتهٔ ملی)",
}
CLOSED_NOTE = (
    "UNICEF Lithuania ceased its activity and the cities' project was formally closed. "
    "The record and the recognitions stay readable."
)
#: slug: (names per language, regions per language, joined, office person, position)
CLOSED_CITIES = {
    "panevezys": (
        {"en": "Panevėžys", "lt": "Panevėžys", "ru": "Паневежис"},
        {"en": "Panevėžys County", "lt": "Panevėžio apskritis", "ru": "Паневежский уезд"},
        datetime.date(2018, 9, 3),
        ("Aušra", "Vaitkienė"),
        (55.7348, 24.3575),
    ),
    "siauliai": (
        {"en": "Šiauliai", "lt": "Šiauliai", "ru": "Шяуляй"},
        {"en": "Šiauliai County", "lt": "Šiaulių apskritis", "ru": "Шяуляйский уезд"},
        datetime.date(2019, 2, 4),
        ("Darius", "Stankevičius"),
        (55.9349, 23.3137),
    ),
}
CLOSED_PEOPLE = (
    DemoUser("lt-2018.coordinator", "Laura", "Mikalauskė", Role.COORDINATOR, "lt-2018"),
    DemoUser("lt-2018.evaluator", "Mindaugas", "Žukauskas", Role.EVALUATOR, "lt-2018"),
)


def closed_city_plans() -> list[CityPlan]:
    """Panevėžys was recognised in May 2022 (until May 2025) and was in its ongoing review
    when the programme closed; Šiauliai was a candidate, its situation analysis submitted."""
    return [
        CityPlan(
            "panevezys",
            datetime.date(2018, 9, 3),
            "ongoing-review",
            OPEN,
            days_ago=0,
            approved_on={
                "memorandum": datetime.date(2018, 11, 5),
                "action-plan": datetime.date(2020, 6, 15),
                "evaluation": datetime.date(2022, 3, 21),
                "recognition": datetime.date(2022, 5, 16),
            },
        ),
        CityPlan(
            "siauliai",
            datetime.date(2019, 2, 4),
            "situation-analysis",
            SUBMITTED,
            days_ago=60,
            approved_on={"memorandum": datetime.date(2019, 4, 1)},
        ),
    ]
