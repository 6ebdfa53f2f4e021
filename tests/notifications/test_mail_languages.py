"""E-mail in the recipient's language, whoever sends it: workflow e-mail, invitations and the
password reset; each in the language the recipient chose, else their programme's, else the
portal's, with the city and the stage named in that language."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from candidacy.models import StageDefinition, StageState
from cities.models import UserProfile
from cities.roles import Role
from cities.services import mail_languages, person_invite, programme_language
from demo.testing import complete_record
from tests import factories as f
from tests.candidacy.workflow import NARRATIVE, bring

pytestmark = pytest.mark.django_db

PERSIAN_SUBJECT = "«ارزیابی مشترک» در انتظار تأیید شماست"
PERSIAN_BODY = "این مرحله ارسال شده و در انتظار بررسی شماست."
ENGLISH_SUBJECT = "City A: “Joint evaluation” awaits your sign-off"
ENGLISH_BODY = "The stage has been submitted and awaits your review."


def _open_joint_stage(world):
    """The joint stage (signed by the coordinator and the evaluator), open with its record; its
    title given in English and Persian, as a programme's stage titles are (names are data)."""
    StageDefinition.objects.filter(programme=world.programme_a, key="joint").update(
        title="Joint evaluation", title_en="Joint evaluation", title_fa="ارزیابی مشترک"
    )
    joint = bring(world, world.city_a, "joint", StageState.OPEN)
    complete_record(joint, by=world.office_a)
    joint.refresh_from_db()
    return joint


def _submit(client, world, joint, *, sender_language: str):
    """The city's office submits the stage through its page, reading it in `sender_language`."""
    client.force_login(world.office_a)
    client.cookies["django_language"] = sender_language
    url = reverse("candidacy:stage-save", args=[world.city_a.slug, "joint"])
    return client.post(
        url, {"narrative": NARRATIVE, "version": joint.version, "submit": "1"}, follow=True
    )


@pytest.mark.parametrize("sender_language", ["en", "fa"])
def test_each_evaluator_reads_the_stage_mail_in_their_language(
    client, world, django_capture_on_commit_callbacks, sender_language
):
    english_evaluator = f.evaluator_user(world.programme_a, email="english.evaluator@example.org")
    UserProfile.objects.create(user=world.evaluator_a, language="fa")
    UserProfile.objects.create(user=english_evaluator, language="en")
    UserProfile.objects.create(user=world.office_a, language=sender_language)
    joint = _open_joint_stage(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(client, world, joint, sender_language=sender_language)
    assert response.status_code == 200
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {
        world.evaluator_a.email,
        english_evaluator.email,
        world.coordinator_a.email,
    }

    persian = by_recipient[world.evaluator_a.email]
    assert PERSIAN_SUBJECT in persian.subject
    assert persian.body.startswith(PERSIAN_BODY)
    assert "/cities/city-a/stages/joint/" in persian.body

    english = by_recipient[english_evaluator.email]
    assert english.subject == ENGLISH_SUBJECT
    assert english.body.startswith(ENGLISH_BODY)

    # Who chose no language reads the programme's default (here the portal's, English),
    # never the sender's.
    assert by_recipient[world.coordinator_a.email].subject == ENGLISH_SUBJECT


def test_a_recall_tells_the_signatories_after_the_commit_in_their_language(
    world, django_capture_on_commit_callbacks
):
    """The submission's signatories (none had signed) learn it was taken back; the office,
    who recalled it, is not written to; nothing goes out before the change is committed."""
    from candidacy.services import stage_recall

    UserProfile.objects.create(user=world.evaluator_a, language="fa")
    _open_joint_stage(world)
    joint = bring(world, world.city_a, "joint", StageState.SUBMITTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stage_recall(progress=joint, by=world.office_a, reason="The budget table is wrong.")
    assert mail.outbox == []  # queued for the commit, not sent
    for callback in callbacks:
        callback()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {world.evaluator_a.email, world.coordinator_a.email}
    english = by_recipient[world.coordinator_a.email]
    assert english.subject == "City A: “Joint evaluation” was recalled before sign-off"
    assert "no longer awaits your review" in english.body
    assert "The budget table is wrong." in english.body
    persian = by_recipient[world.evaluator_a.email]
    assert "«ارزیابی مشترک» پیش از تأیید پس گرفته شد" in persian.subject
    assert "/cities/city-a/stages/joint/" in persian.body


def test_the_languages_of_many_recipients_are_read_in_one_query(world, django_assert_num_queries):
    people = [f.evaluator_user(world.programme_a) for _ in range(5)]
    UserProfile.objects.create(user=people[0], language="fa")
    UserProfile.objects.create(user=people[1], language="ru")
    with django_assert_num_queries(1):
        languages = mail_languages(people, programme=world.programme_a)
    assert [languages[person.pk] for person in people] == ["fa", "ru", "en", "en", "en"]


def test_a_programmes_default_language_when_it_has_one():
    assert programme_language(SimpleNamespace(language="fa")) == "fa"
    assert programme_language(SimpleNamespace(language="")) == "en"
    assert programme_language(SimpleNamespace(language="xx")) == "en"  # not a portal language
    assert programme_language(SimpleNamespace()) == "en"  # a programme without the field
    assert programme_language(None) == "en"


def test_an_invitation_is_written_in_the_invitees_language_not_the_inviters(
    world, django_capture_on_commit_callbacks
):
    UserProfile.objects.create(user=world.office_a, language="fa")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        person_invite(
            programme=world.programme_a,
            by=world.coordinator_a,
            email=world.office_a.email,
            role=Role.OFFICE,
            city=world.city_a2,
        )
    (message,) = mail.outbox
    assert message.to == [world.office_a.email]
    assert "به شما در پورتال نامزدی شهرهای دوستدار کودک نقشی داده است" in message.body
    assert "has given you a role" not in message.body


def test_a_new_invitee_reads_the_programmes_language_not_the_inviters(
    world, django_capture_on_commit_callbacks
):
    with translation.override("fa"), django_capture_on_commit_callbacks(execute=True):
        person_invite(
            programme=world.programme_a,
            by=world.coordinator_a,
            email="new.person@example.org",
            role=Role.OFFICE,
            city=world.city_a2,
        )
    (message,) = mail.outbox
    assert "has given you a role on the CFC Candidacy Portal" in message.body


def test_the_password_reset_follows_the_recipient_not_the_page(client, world):
    client.cookies["django_language"] = "fa"
    client.post(reverse("password_reset"), {"email": world.office_a.email})
    assert mail.outbox[0].subject == "Choose a new password for the CFC Candidacy Portal"
