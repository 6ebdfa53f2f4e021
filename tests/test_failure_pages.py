"""What a user sees when something fails: branded, translated 404, 403, 500 and 503 pages (the
last two without the database), the 503 answer while the database cannot be reached, the
proxy's health check and the headers every response carries."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.storages import UnwritableStorage

RAISING_URLS = "tests.raising_urls"


def database_down():
    """Every new query fails as it does while PostgreSQL is stopped."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused: is the server running?"),
    )


def persian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    return client


# --- headers ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/no-such-page/", "/healthz"])
def test_every_response_carries_the_permissions_policy(client, url):
    response = client.get(url)
    policy = response["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in policy
    assert "Content-Security-Policy" in response


# --- 404 and 403 ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_not_found_is_branded_and_translated(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert 'href="/"' in response.text and "CFC Candidacy Portal" in response.text
    response = persian(client).get("/no-such-page/")
    assert response.status_code == 404
    assert 'lang="fa" dir="rtl"' in response.text
    assert "صفحه پیدا نشد" in response.text


@pytest.mark.django_db
def test_the_admin_uses_the_same_404(superuser):
    client = Client()
    client.force_login(superuser)
    response = client.get("/admin/candidacy/no-such-model/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


@pytest.mark.django_db
@pytest.mark.urls(RAISING_URLS)
def test_refusal_is_branded_translated_and_says_why(client):
    response = client.get("/test/refused/")
    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in response.text
    assert "Only the city&#x27;s CFC office manages its councils" in response.text
    response = persian(client).get("/test/refused/")
    assert 'dir="rtl"' in response.text and "اجازه ندارید" in response.text


@pytest.mark.django_db
def test_someone_elses_city_page_answers_with_the_branded_page(world):
    client = Client()
    client.force_login(world.office_b)
    response = client.get(reverse("candidacy:city", args=[world.city_a.slug]))
    assert response.status_code in (403, 404)
    assert "CFC Candidacy Portal" in response.text and "<h1>" in response.text


# --- 500 --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls(RAISING_URLS)
@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [("en", "ltr", "Something went wrong"), ("fa", "rtl", "مشکلی پیش آمد")],
)
def test_server_error_is_branded_and_translated(language, direction, heading):
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/test/broken/")
    assert response.status_code == 500
    assert f'lang="{language}" dir="{direction}"' in response.text
    assert f"<h1>{heading}</h1>" in response.text
    assert "a bug" not in response.text  # nothing of the error itself
    assert "Retry-After" not in response


@pytest.mark.django_db
def test_server_error_page_needs_no_database():
    from cfc_portal.views import server_error

    request = Client().get("/").wsgi_request
    with database_down():
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


# --- 503 while the database cannot be reached -------------------------------------------------


def assert_unavailable(response, heading="The portal is briefly unavailable"):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert f"<h1>{heading}</h1>" in response.text
    assert "connection refused" not in response.text
    assert "Permissions-Policy" in response and "Content-Security-Policy" in response


@pytest.mark.django_db
def test_database_down_answers_503_to_an_anonymous_visitor(client, caplog):
    with database_down():
        response = client.get(reverse("public-cities"))
    assert_unavailable(response)
    assert "Database unavailable on GET /" in caplog.text


@pytest.mark.django_db
def test_database_down_answers_503_to_someone_signed_in(world):
    client = persian(Client())
    client.force_login(world.office_a)
    with database_down():
        response = client.get(reverse("candidacy:city", args=[world.city_a.slug]))
        login = client.get(reverse("login"))
    assert_unavailable(response, heading="پورتال لحظاتی در دسترس نیست")
    assert 'lang="fa" dir="rtl"' in response.text
    assert_unavailable(login, heading="پورتال لحظاتی در دسترس نیست")


@pytest.mark.django_db
def test_database_down_while_showing_a_404_still_answers_503(world):
    """The 404 page asks who is signed in: the session's query fails outside any view, and the
    server-error handler gives the same 503."""
    client = Client(raise_request_exception=False)
    client.force_login(world.office_a)
    with database_down():
        response = client.get("/no-such-page/")
    assert_unavailable(response)


@pytest.mark.django_db
@pytest.mark.urls(RAISING_URLS)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_lost_connection_in_a_view_answers_503(client, error):
    with mock.patch("tests.raising_urls.OperationalError", error):
        response = client.get("/test/database-gone/")
    assert_unavailable(response)


# --- the health check -------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_check_says_ok_and_leaves_nothing_behind(client):
    from django.core.files.storage import default_storage

    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert default_storage.listdir("healthz") == ([], [])


@pytest.mark.django_db
def test_health_check_is_public_and_sets_no_session(client):
    user = f.UserFactory()
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert user.pk  # a signed-out visitor got it


@pytest.mark.django_db
def test_health_check_fails_without_the_database(client, caplog):
    with database_down():
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.content == b"unavailable"
    assert "database does not answer" in caplog.text


@pytest.mark.django_db
def test_health_check_fails_when_documents_cannot_be_written(client, caplog):
    with mock.patch("cfc_portal.views.default_storage", UnwritableStorage()):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.content == b"unavailable"
    assert "Read-only" not in response.text
    assert "not writable" in caplog.text


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "This form had expired"), ("fa", "این فرم منقضی شده بود")],
)
def test_a_form_without_its_security_token_gets_the_portals_page(db, language, text):
    """Regression: a refused CSRF token answered Django's bare English page."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert text in page
    assert "CSRF verification failed" not in page
