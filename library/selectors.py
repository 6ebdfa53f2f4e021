"""Reads for the library's pages: the curation queue (from the curation rule,
`permissions.curatable_initiatives_q`) and the public entries (no person, no contact: the
initiative's title, goal area, year, responsible body and the curated summary and themes)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from candidacy.models import Initiative
from cities.calendars import calendar_override, year_format
from cities.names import in_reader_language, names_contain
from core.listing import Sort

from .models import GoodPractice, Theme
from .permissions import curatable_initiatives_q

Status = GoodPractice.Status
#: What the public library shows: published entries whose city still marks them.
PUBLISHED = Q(status=Status.PUBLISHED, initiative__good_practice=True)
#: Initiatives no curator has decided on yet: none, or a proposed entry.
UNDECIDED = Q(library_entry__isnull=True) | Q(library_entry__status=Status.PROPOSED)


def _initiatives(q: Q) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(q)
        .select_related("progress__candidacy__city__programme", "library_entry")
        .defer("description", "beneficiaries", "progress__narrative")
    )


def good_practice_to_review(user, programme=None) -> QuerySet[Initiative]:
    """The initiatives the user may curate that await a decision, oldest first ("My tasks",
    the curation page); `programme`: only its cities'."""
    q = curatable_initiatives_q(user) & UNDECIDED
    if programme is not None:
        q &= Q(progress__candidacy__city__programme=programme)
    return _initiatives(q).order_by("updated_at", "pk")


def good_practice_decided(user, programme) -> QuerySet[Initiative]:
    """The programme's initiatives the user curates that are published or withdrawn, latest
    published first."""
    q = (
        curatable_initiatives_q(user)
        & Q(progress__candidacy__city__programme=programme)
        & Q(library_entry__status__in=[Status.PUBLISHED, Status.WITHDRAWN])
    )
    return _initiatives(q).order_by("library_entry__status", "-library_entry__published_at", "pk")


# --- the public library ---

PUBLIC_SORTS = {
    "latest": Sort(_("Latest first"), ("-published_at", "-pk")),
    "title": Sort(_("Title"), ("initiative__title", "pk")),
    "city": Sort(_("City"), ("shown_city", "initiative__title", "pk")),
    "started": Sort(_("Year started"), ("-initiative__year_started", "initiative__title", "pk")),
}


def public_entries() -> QuerySet[GoodPractice]:
    """The published entries of initiatives their city still marks as good practice, with
    what a card shows (city, programme, country, responsible body; themes in one more query);
    unordered."""
    return (
        GoodPractice.objects.filter(PUBLISHED)
        .select_related(
            "initiative__progress__candidacy__city__programme__country",
            "initiative__responsible_body",
        )
        .defer("initiative__description", "initiative__beneficiaries")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .annotate(shown_city=in_reader_language("initiative__progress__candidacy__city__name"))
    )


def public_search(text: str) -> Q:
    """Title, curated summary, city or theme (any language); never the city's own description,
    which the public does not read."""
    themed = GoodPractice.themes.through.objects.filter(
        theme__in=Theme.objects.filter(names_contain("name", text))
    ).values("goodpractice_id")
    return (
        Q(initiative__title__icontains=text)
        | names_contain("summary", text)
        | names_contain("initiative__progress__candidacy__city__name", text)
        | Q(pk__in=themed)
    )


def city_credit_url(programme_key: str, city_slug: str) -> str:
    """Where an entry credits its city: the city's public page if the portal has one, else
    its programme's public page."""
    try:
        return reverse("public-city", kwargs={"programme": programme_key, "city": city_slug})
    except NoReverseMatch:
        return reverse("public-programme", kwargs={"programme": programme_key})


def entry_cards(entries) -> list[GoodPractice]:
    """The entries of a page as the library shows them: each with its city
    (`entry.city`), its year started in its programme's calendar (`entry.started`: Solar
    Hijri for Iran's, in the reader's digits) and the link crediting its city
    (`entry.credit_url`)."""
    cards = list(entries)
    for entry in cards:
        city = entry.initiative.progress.candidacy.city
        entry.city = city
        with calendar_override(city.programme.calendar):
            entry.started = year_format(entry.initiative.year_started)
        entry.credit_url = city_credit_url(city.programme.key, city.slug)
    return cards
