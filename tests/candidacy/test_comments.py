"""A stage's thread of comments, to the city or internal: the rule once as predicates and once
as the query (held to the same answer over every role x stage x visibility), the service's
refusals, and, from the outside, that the city's office never reads an internal note: not on
the stage page, not in an e-mail, not on a page with a refused form."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidacy import permissions
from candidacy.comments import stage_comment_add, stage_comments
from candidacy.models import ConflictDeclaration, StageComment
from candidacy.services import WorkflowError
from cities.validators import NOTE_MAX_LENGTH
from notifications.models import Delivery, Kind, Notification, Preference
from tests import factories as f

pytestmark = pytest.mark.django_db

CITY, INTERNAL = StageComment.Visibility.CITY, StageComment.Visibility.INTERNAL
SECRET = "Internal: the decree looks backdated."
READERS = ["office_a", "office_a2", "office_b", "coordinator_a", "coordinator_b"]
READERS += ["evaluator_a", "evaluator_b"]


def _url(name, stage="joint"):
    return reverse(f"candidacy:{name}", args=["city-a", stage])


@pytest.fixture
def thread(world):
    """City A's joint stage (the evaluator signs it) and its office stage (the coordinator
    only), each with a comment to the city and an internal note."""
    made = []
    for key in ("office", "joint"):
        progress = world.stage(world.city_a, key)
        made.append(
            stage_comment_add(progress=progress, by=world.office_a, body=f"{key}: city question")
        )
        made.append(
            stage_comment_add(
                progress=progress, by=world.coordinator_a, body=SECRET, visibility=INTERNAL
            )
        )
    return made


def test_the_query_and_the_predicates_agree_for_every_role(world, thread, superuser):
    both = f.office_user(world.city_a, username="office-and-coordinator")
    f.RoleAssignmentFactory(user=both, role="coordinator", programme=world.programme_a)
    undeclared = f.evaluator_user(world.programme_a, declared=False, username="eval.new")
    recused = f.evaluator_user(world.programme_a, declared=False, username="eval.recused")
    ConflictDeclaration.objects.create(
        evaluator=recused, candidacy=world.city_a.candidacy, has_conflict=True, statement="Kin."
    )
    recused_coordinator = f.coordinator_recused_from(world.city_a, username="coord.recused")
    people = [getattr(world, name) for name in READERS]
    people += [superuser, both, undeclared, recused, recused_coordinator]
    comments = list(StageComment.objects.select_related("progress__definition"))
    for user in people:
        listed = set(StageComment.objects.filter(permissions.visible_comments_q(user)))
        allowed = {comment for comment in comments if permissions.can_read_comment(user, comment)}
        assert listed == allowed, user
        for comment in comments:  # whoever may write a visibility reads it
            if permissions.can_comment_on_stage(user, comment.progress, comment.visibility):
                assert comment in allowed, (user, comment)
    office, joint = comments[0].progress, comments[2].progress
    assert permissions.comment_visibilities(world.office_a, joint) == [CITY]
    assert permissions.comment_visibilities(both, joint) == [CITY]  # the city's own office
    assert permissions.comment_visibilities(world.coordinator_a, office) == [CITY, INTERNAL]
    assert permissions.comment_visibilities(world.evaluator_a, joint) == [CITY, INTERNAL]
    assert permissions.comment_visibilities(world.evaluator_a, office) == []  # not its signatory
    assert permissions.comment_visibilities(world.office_a2, joint) == []
    # no thread before a declaration, none after a recusal, a coordinator's included
    for outsider in (undeclared, recused, recused_coordinator):
        assert permissions.comment_visibilities(outsider, joint) == []
        assert not {
            comment for comment in comments if permissions.can_read_comment(outsider, comment)
        }


def test_the_office_reads_only_what_is_written_to_the_city(world, thread):
    joint = world.stage(world.city_a, "joint")
    assert [c.body for c in stage_comments(world.office_a, joint)] == ["joint: city question"]
    assert [c.visibility for c in stage_comments(world.evaluator_a, joint)] == [CITY, INTERNAL]
    assert not stage_comments(world.office_a2, joint).exists()


def test_the_service_refuses_and_saves_nothing(world):
    joint = world.stage(world.city_a, "joint")
    refusals = [
        (WorkflowError, world.office_a, "Secret?", INTERNAL),
        (WorkflowError, world.coordinator_a, "A note", "everyone"),
        (PermissionDenied, world.office_a2, "Taken over", CITY),
        (PermissionDenied, world.coordinator_b, "Taken over", INTERNAL),
        (ValidationError, world.office_a, "   ", CITY),
        (ValidationError, world.coordinator_a, "x" * (NOTE_MAX_LENGTH + 1), INTERNAL),
    ]
    for error, by, body, visibility in refusals:
        with pytest.raises(error):
            stage_comment_add(progress=joint, by=by, body=body, visibility=visibility)
    assert not StageComment.objects.exists()


# --- from the outside ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["coordinator_a", "evaluator_a"])
def test_signatories_read_both_oldest_first_with_the_badge(client, world, thread, reader):
    client.force_login(getattr(world, reader))
    page = client.get(_url("stage"))
    text = page.text
    assert text.index("joint: city question") < text.index(SECRET)
    assert text.count(">Internal</span>") == 1
    assert world.coordinator_a.get_full_name() in text
    assert 'value="internal"' in text  # may choose


def test_the_office_never_sees_an_internal_note_on_its_pages(client, world, thread):
    client.force_login(world.office_a)
    page = client.get(_url("stage"))
    assert "joint: city question" in page.text
    assert SECRET not in page.text and ">Internal</span>" not in page.text
    assert 'value="internal"' not in page.text  # no choice offered
    # nor on a page with a refused form: an empty comment, then an internal one
    for data in ({"body": "", "visibility": CITY}, {"body": "Let us in", "visibility": INTERNAL}):
        refused = client.post(_url("stage-comment"), data)
        assert refused.status_code == 400
        assert SECRET not in refused.text
    assert "you write to the city" in refused.text
    assert "Let us in" in refused.text  # what was typed is kept
    assert 'value="internal"' not in refused.text  # the form offers "to the city" again
    assert StageComment.objects.count() == 4


def test_another_citys_office_cannot_read_or_write(client, world, thread):
    for outsider in (world.office_a2, world.office_b):
        client.force_login(outsider)
        assert client.get(_url("stage")).status_code == 404
        posted = client.post(_url("stage-comment"), {"body": "Hello", "visibility": CITY})
        assert posted.status_code == 404
    # inside the programme but not a signatory of the office stage: the page, no thread
    client.force_login(world.evaluator_a)
    page = client.get(_url("stage", "office"))
    assert page.status_code == 200 and SECRET not in page.text
    denied = client.post(_url("stage-comment", "office"), {"body": "Hi", "visibility": CITY})
    assert denied.status_code == 403
    assert StageComment.objects.count() == 4


def test_anonymous_is_sent_to_sign_in(client, world):
    for response in (client.get(_url("stage")), client.post(_url("stage-comment"), {})):
        assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize(
    "data, message",
    [
        ({"body": "", "visibility": CITY}, "This field is required."),
        ({"body": "x" * (NOTE_MAX_LENGTH + 1), "visibility": CITY}, "at most 4000 characters"),
        ({"body": "Kept text", "visibility": "everyone"}, "Select a valid choice."),
        ({"body": "Kept text"}, "This field is required."),
    ],
)
def test_bad_input_keeps_what_was_typed(client, world, data, message):
    client.force_login(world.coordinator_a)
    page = client.post(_url("stage-comment"), data)
    assert page.status_code == 400
    assert "The comment was not saved" in page.text
    assert message in page.text
    assert (data["body"][:100] or "</textarea>") in page.text
    assert not StageComment.objects.exists()


def test_a_comment_is_added_and_the_reader_is_back_on_the_stage(client, world):
    client.force_login(world.evaluator_a)
    posted = client.post(_url("stage-comment"), {"body": " Looks good. ", "visibility": INTERNAL})
    assert posted.status_code == 302 and posted.url == _url("stage")
    comment = StageComment.objects.get()
    assert (comment.body, comment.visibility, comment.author) == (
        "Looks good.",
        INTERNAL,
        world.evaluator_a,
    )


def test_an_internal_note_is_mailed_to_the_desk_never_to_the_office(
    world, django_capture_on_commit_callbacks
):
    joint = world.stage(world.city_a, "joint")
    with django_capture_on_commit_callbacks(execute=True):
        stage_comment_add(progress=joint, by=world.coordinator_a, body=SECRET, visibility=INTERNAL)
    assert sorted(m.to[0] for m in mail.outbox) == [world.evaluator_a.email]
    assert SECRET in mail.outbox[0].body and "internal note" in mail.outbox[0].subject
    assert "/cities/city-a/stages/joint/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stage_comment_add(progress=joint, by=world.office_a, body="When do you visit?")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([world.coordinator_a.email, world.evaluator_a.email])
    assert all(SECRET not in m.body for m in mail.outbox)


def test_a_comment_lands_in_the_inbox_and_follows_the_comments_preference(
    world, django_capture_on_commit_callbacks
):
    """Comments are a kind of notification (`notifications.models.Kind.COMMENT`): each reader
    gets an inbox row; one who chose "off" for comments gets no e-mail, the others at once."""
    Preference.objects.create(user=world.evaluator_a, kind=Kind.COMMENT, delivery=Delivery.OFF)
    joint = world.stage(world.city_a, "joint")
    with django_capture_on_commit_callbacks(execute=True):
        stage_comment_add(progress=joint, by=world.coordinator_a, body=SECRET, visibility=INTERNAL)
    assert mail.outbox == []  # the evaluator, its only reader, hears of comments in the inbox
    (row,) = Notification.objects.filter(kind=Kind.COMMENT)
    assert row.recipient == world.evaluator_a and "internal note" in row.subject
    with django_capture_on_commit_callbacks(execute=True):
        stage_comment_add(progress=joint, by=world.office_a, body="When do you visit?")
    assert [m.to[0] for m in mail.outbox] == [world.coordinator_a.email]
    assert set(
        Notification.objects.filter(kind=Kind.COMMENT).values_list("recipient", flat=True)
    ) == {world.evaluator_a.pk, world.coordinator_a.pk}
    # the city's office never gets a row of the internal note
    assert not Notification.objects.filter(recipient=world.office_a, body__contains=SECRET)


def test_the_thread_dates_in_the_programmes_calendar_and_reads_right_to_left(client, world):
    world.programme_a.calendar = "solar_hijri"
    world.programme_a.save()
    joint = world.stage(world.city_a, "joint")
    comment = stage_comment_add(progress=joint, by=world.office_a, body="پرسش شهر")
    StageComment.objects.filter(pk=comment.pk).update(
        created_at=datetime.datetime(2024, 7, 31, 9, tzinfo=datetime.UTC)
    )
    client.force_login(world.office_a)
    client.cookies["django_language"] = "fa"
    page = client.get(_url("stage"))
    assert 'dir="rtl"' in page.text
    assert "۱۰ مرداد ۱۴۰۳" in page.text
