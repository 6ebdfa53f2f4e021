"""`{% crispy_kept form %}` (`core.templatetags.kept_forms`): an unbound form of an opted-in
class renders once per process, under a digest of what it renders from; the HTML is crispy's
own; a bound form, another language or other initial values render afresh; and the stage page,
which uses it, shows a change made through the services on the next request."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from candidacy import services
from candidacy.forms import RecallForm, StageCommentForm
from core.templatetags import kept_forms

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
KEPT = Template("{% load kept_forms %}{% crispy_kept form %}")


@pytest.fixture(autouse=True)
def _empty():
    kept_forms.kept_renderings.clear()
    yield
    kept_forms.kept_renderings.clear()


def test_an_unbound_form_renders_as_crispy_does_and_is_kept():
    form = StageCommentForm(visibilities=("city", "internal"))
    html = KEPT.render(Context({"form": form}))
    assert html == CRISPY.render(Context({"form": form}))
    assert len(kept_forms.kept_renderings) == 1
    again = KEPT.render(Context({"form": StageCommentForm(visibilities=("city", "internal"))}))
    assert again == html
    assert len(kept_forms.kept_renderings) == 1


def test_widgets_initial_values_and_language_each_get_their_own():
    choice = KEPT.render(Context({"form": StageCommentForm(visibilities=("city", "internal"))}))
    hidden = KEPT.render(Context({"form": StageCommentForm(visibilities=("city",))}))
    assert 'type="radio"' in choice and 'type="radio"' not in hidden
    first = KEPT.render(Context({"form": RecallForm(initial={"submission": "first"})}))
    second = KEPT.render(Context({"form": RecallForm(initial={"submission": "second"})}))
    assert 'value="first"' in first and 'value="second"' in second
    with translation.override("ru"):
        russian = KEPT.render(Context({"form": RecallForm(initial={"submission": "first"})}))
    assert russian != first
    assert len(kept_forms.kept_renderings) == 5


def test_a_bound_form_is_rendered_afresh_with_its_errors_and_input():
    form = StageCommentForm({"body": "", "visibility": "city"}, visibilities=("city",))
    assert not form.is_valid()
    html = KEPT.render(Context({"form": form}))
    assert html == CRISPY.render(Context({"form": form}))
    assert "is-invalid" in html
    assert kept_forms.kept_renderings == {}
    typed = StageCommentForm({"body": "Typed words.", "visibility": "x"}, visibilities=("city",))
    assert "Typed words." in KEPT.render(Context({"form": typed}))


@pytest.mark.django_db
def test_the_stage_page_shows_a_narrative_saved_through_the_services(
    client, world, django_capture_on_commit_callbacks
):
    progress = world.stage(world.city_a, "office")
    url = reverse("candidacy:stage", args=[world.city_a.slug, "office"])
    client.force_login(world.office_a)
    with django_capture_on_commit_callbacks(execute=True):  # the stage is kept (STAGES)
        services.stage_save_draft(progress=progress, by=world.office_a, narrative="First words.")
    assert "First words." in client.get(url).text
    assert "First words." in client.get(url).text  # the form kept
    progress = world.stage(world.city_a, "office")
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_save_draft(progress=progress, by=world.office_a, narrative="Second words.")
    page = client.get(url).text
    assert "Second words." in page
    assert "First words." not in page
