"""A city's public page and its children's report (issue 12), and the page where the city's
office chooses what they show. Deliberately public: the status, the stages passed and the
validity always; the plan (by goal area, each action's progress) and the children's proposals
(with the city's answers and the actions that carry them out) only when the city publishes
them. Never a person, a contact, evidence, a comment, a council or a session. Served from the
public cache (`reporting.cache`) under the lists', the plans' and the proposals' editions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.calendars import date_format, programme_calendar_activate
from cities.languages import programme_language_apply
from cities.names import person_name
from cities.permissions import can_publish_city
from cities.selectors import city_publication_last_change
from cities.services import city_publication_set
from core.editions import LISTS, PLANS, PROPOSALS, editions_read
from core.lookups import kept_lookup, visible_city
from core.pages import form_page

from . import figures, selectors
from .cache import public_page
from .forms import PublicationForm

EDITIONS = (PLANS, PROPOSALS)


def _city_of(request, programme: str, city: str):
    """The city of the address in its programme (404: unknown, or of another programme), read
    in the programme's language for a reader who asks for none of ours, dated in its
    calendar. The city is kept under the lists' edition (`core.lookups.kept_lookup`: what it
    is read with, its programme, country, candidacy and joint partners, raise it), and the
    editions the page is kept under are read in one statement: a page served from the public
    cache reads one row."""
    editions_read(LISTS, *EDITIONS)
    found = kept_lookup(
        "public-city", f"{programme}/{city}", lambda: selectors.public_city(programme, city)
    )
    programme_language_apply(request, found.programme)
    programme_calendar_activate(found.programme)
    return found


def _district_chosen(request, districts) -> str:
    """The district the reader chose to read the plan of (its number, or `WHOLE_CITY`), from
    the address; anything else is no choice: the whole plan."""
    chosen = request.GET.get("district", "")
    known = {str(district.number) for district in districts} | {selectors.WHOLE_CITY}
    return chosen if chosen in known else ""


def public_city(request, programme, city):
    """The city's public page."""
    city = _city_of(request, programme, city)

    def page():
        context = {
            "city": city,
            "programme": city.programme,
            "candidacy": getattr(city, "candidacy", None),  # none before it starts
            "stages": selectors.stages_passed(city),
            "joint": selectors.public_joint_partners(city),
        }
        if city.publish_plan:
            districts = selectors.public_districts(city)
            chosen = _district_chosen(request, districts)
            context["plan"] = selectors.plan_summary(city)
            context["actions"] = list(selectors.public_actions(city, district=chosen))
            context["districts"] = districts
            context["district_chosen"] = chosen
        if city.publish_proposals:
            context["proposals"] = selectors.public_proposals(city)
            context["proposal_figures"] = figures.city_figures(city)
        return render(request, "reporting/public_city/page.html", context)

    return public_page(request, page, editions=EDITIONS)


def public_city_report(request, programme, city):
    """The city's report for children: what they asked for, what the city answered, what has
    been done since. Only when the city publishes its children's proposals (404 otherwise)."""
    city = _city_of(request, programme, city)
    if not city.publish_proposals:
        raise Http404

    def page():
        proposals = selectors.public_proposals(city)
        return render(
            request,
            "reporting/public_city/report.html",
            {
                "city": city,
                "programme": city.programme,
                "proposals": proposals,
                "answered": sum(1 for proposal in proposals if proposal.answered_on),
            },
        )

    return public_page(request, page, editions=EDITIONS)


@login_required
def publication_settings(request, city):
    """Where the city's office (or a coordinator of its programme) chooses what the city's
    public page shows. 404 for a city the user may not read, 403 for one they may read but not
    publish (an evaluator)."""
    city = visible_city(request.user, city)
    if not can_publish_city(request.user, city):
        raise PermissionDenied
    form = PublicationForm(request.POST or None, city=city)
    form.notice = _(
        "The city's status, the stages it has passed and how long its recognition is valid "
        "are always public. Choose what else its public page shows."
    )
    return form_page(
        request,
        form=form,
        write=lambda data: city_publication_set(
            city=city,
            by=request.user,
            publish_plan=data["publish_plan"],
            publish_proposals=data["publish_proposals"],
        ),
        success_message=_("Saved. The public page shows what you chose."),
        next_url=lambda _city: reverse("candidacy:city", args=[city.slug]),
        context={
            "city": city,
            "title": _("The city's public page"),
            "back": reverse("candidacy:city", args=[city.slug]),
            "crumbs": [],
            "last_change": _last_publication_change(city),
        },
    )


def _last_publication_change(city) -> str:
    """ "Last changed by X on D." (the date in the programme's calendar), or nothing."""
    change = city_publication_last_change(city)
    if change is None:
        return ""
    return _("Last changed by %(person)s on %(date)s.") % {
        "person": person_name(change.by),
        "date": date_format(change.at),
    }
