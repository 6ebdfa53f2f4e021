"""Password reset and change, the profile page, and the language applied on sign-in."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from cities.models import UserProfile
from tests import factories as f

NEW_PASSWORD = "Tulip-Harbour-2931"

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    match = re.search(r"https?://\S+/accounts/reset/\S+/", message.body)
    assert match, message.body
    return match[0]


def _choose_password(client, link, password=NEW_PASSWORD):
    path = link.removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))
    form_page = client.get(path, follow=True)  # Django swaps the token for a session key
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).text


def test_the_whole_reset_flow(client, world, settings):
    settings.PORTAL_BASE_URL = "https://cfc.example.org"
    user = world.office_a
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    link = _link(message)
    assert link.startswith("https://cfc.example.org/accounts/reset/")
    assert user.username in message.body

    _choose_password(client, link)
    assert f.signs_in(client, user.username, NEW_PASSWORD)
    signed_in = client.post(reverse("login"), {"username": user.username, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    # The link works once only.
    assert not client.get(link.removeprefix("https://cfc.example.org"), follow=True).context[
        "validlink"
    ]


def test_the_reset_does_not_tell_whether_an_address_exists(client, world):
    known = client.post(reverse("password_reset"), {"email": world.office_a.email})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_the_reset_mail_is_in_the_users_language(client, world):
    UserProfile.objects.create(user=world.office_a, language="fa")
    client.post(reverse("password_reset"), {"email": world.office_a.email})
    assert "گذرواژه" in mail.outbox[0].subject


def test_a_bad_reset_address_is_refused_on_the_form(client):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200
    assert "not an address" in response.text
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_change_password_while_signed_in(client, world):
    user = world.evaluator_a
    client.force_login(user)
    assert reverse("password_change") in client.get(reverse("candidacy:queue")).text
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and wrong.context["form"].errors["old_password"]
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "cfc-test",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    client.logout()
    assert f.signs_in(client, user.username, NEW_PASSWORD)


def test_the_change_page_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the profile ----------------------------------------------------------------------------


def _profile(**changes):
    data = {"first_name": "Maryam", "last_name": "Ahmadi", "email": "m.ahmadi@example.org"}
    data["language"] = ""
    return {**data, **changes}


def test_the_profile_is_edited_and_saved(client, world):
    user = world.office_a
    client.force_login(user)
    page = client.get(reverse("profile"))
    assert page.status_code == 200
    assert user.email in page.text
    response = client.post(reverse("profile"), _profile())
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email) == (
        "Maryam",
        "Ahmadi",
        "m.ahmadi@example.org",
    )


@pytest.mark.parametrize(
    "changes",
    [{"email": "not-an-address"}, {"email": ""}, {"language": "xx"}, {"email": "x" * 260}],
    ids=["bad e-mail", "no e-mail", "unknown language", "too long"],
)
def test_bad_profile_input_is_refused_with_what_was_typed_kept(client, world, changes):
    user = world.office_a
    before = (user.first_name, user.email)
    client.force_login(user)
    data = _profile(**changes)
    response = client.post(reverse("profile"), data)
    assert response.status_code == 400
    assert "form-errors" in response.text
    assert 'value="Maryam"' in response.text
    if changes.get("email"):
        assert changes["email"][:50] in response.text
    user.refresh_from_db()
    assert (user.first_name, user.email) == before


def test_an_address_of_another_account_is_refused(client, world):
    client.force_login(world.office_a)
    response = client.post(reverse("profile"), _profile(email=world.office_b.email.upper()))
    assert response.status_code == 400
    assert "Another account uses this e-mail address." in response.text


def test_the_profile_language_applies_at_once_and_after_sign_in(client, world):
    user = world.office_a
    client.force_login(user)
    response = client.post(reverse("profile"), _profile(language="fa"), follow=True)
    assert 'lang="fa"' in response.text
    assert UserProfile.objects.get(user=user).language == "fa"

    client.logout()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    assert 'lang="en"' in client.get(reverse("login")).text
    signed_in = client.post(
        reverse("login"), {"username": user.username, "password": "cfc-test"}, follow=True
    )
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"
    assert 'lang="fa" dir="rtl"' in signed_in.text


def test_without_a_chosen_language_sign_in_keeps_the_browsers(client, world):
    client.post(reverse("login"), {"username": world.office_a.username, "password": "cfc-test"})
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
    assert get_user_model().objects.get(pk=world.office_a.pk).is_active
