"""Django's own strings in Persian: what Django's fa catalogues lack (core, admin, admin's
JavaScript, auth, contenttypes) is supplied by locale_django/, so the Persian admin and forms
show no English sentence of Django's."""

from __future__ import annotations

import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.trans_real import DjangoTranslation

from tests import factories as f

DJANGO = Path(django.__file__).parent
LOCALE_DJANGO = Path(settings.BASE_DIR) / "locale_django"
#: (where the package keeps its catalogues, domain)
CATALOGUES = [
    (DJANGO / "conf" / "locale", "django"),
    (DJANGO / "contrib" / "admin" / "locale", "django"),
    (DJANGO / "contrib" / "admin" / "locale", "djangojs"),
    (DJANGO / "contrib" / "auth" / "locale", "django"),
    (DJANGO / "contrib" / "contenttypes" / "locale", "django"),
]


def _key(entry):
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (key, 0) if entry.msgid_plural else key


@pytest.mark.parametrize(
    ("locale", "domain"), CATALOGUES, ids=[f"{p.parent.name}-{d}" for p, d in CATALOGUES]
)
def test_every_string_of_django_has_its_persian(locale, domain):
    """Every msgid of the package (its English catalogue lists them all) has a Persian
    translation in the catalogue Django builds for Persian: Django's own merged with ours."""
    catalogue = DjangoTranslation(
        "fa", domain=domain, localedirs=None if domain == "django" else [str(locale)]
    )._catalog
    source = polib.pofile(str(locale / "en" / "LC_MESSAGES" / f"{domain}.po"))
    missing = [entry.msgid for entry in source if entry.msgid and _key(entry) not in catalogue]
    assert missing == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_supplement_is_complete_and_compiled(domain):
    po = polib.pofile(str(LOCALE_DJANGO / "fa" / "LC_MESSAGES" / f"{domain}.po"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    compiled = polib.mofile(str(LOCALE_DJANGO / "fa" / "LC_MESSAGES" / f"{domain}.mo"))
    assert {(e.msgctxt, e.msgid, e.msgstr) for e in po if not e.msgid_plural} <= {
        (e.msgctxt, e.msgid, e.msgstr) for e in compiled if not e.msgid_plural
    }, f"{domain}.mo is older than {domain}.po: run compilemessages -l fa"


def test_locale_django_comes_after_ours():
    assert settings.LOCALE_PATHS[-1] == Path(settings.BASE_DIR) / "locale_django"


@pytest.mark.django_db
def test_the_persian_admin_asks_in_persian_to_correct_the_error(client, superuser):
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    response = client.post(reverse("admin:cities_country_add"), {"code": "IR", "name": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert "لطفاً خطای زیر را اصلاح کنید." in text
    assert "Please correct the error below." not in text


@pytest.mark.django_db
def test_the_persian_admin_names_the_model_column_in_persian(client, superuser):
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    text = client.get(reverse("admin:index")).content.decode()
    assert "Model name" not in text
    assert "نام مدل" in text


@pytest.mark.django_db
def test_the_admins_javascript_catalogue_is_persian(client, superuser):
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    text = client.get(reverse("admin:jsi18n")).content.decode()
    # "Choose all %s" (the multiple-choice widget), JSON-escaped in the script.
    assert '"Choose all %s": "\\u0627\\u0646\\u062a\\u062e\\u0627\\u0628' in text


@pytest.mark.django_db
def test_the_persian_admin_names_every_app_in_persian_and_counts_in_persian_digits(
    client, superuser
):
    """Third-party apps (django-axes, django-otp's TOTP) are named by our AppConfigs
    (`signin.apps`), in the reader's language; a list's counts are in the reader's digits."""
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    text = client.get(reverse("admin:index")).content.decode()
    for raw in ("Axes", "AXES", "Otp_Totp", "OTP_TOTP", "Sign-in attempts", "Two-factor devices"):
        assert f">{raw}<" not in text, raw
    assert "تلاش‌های ورود به سامانه" in text and "دستگاه‌های ورود دومرحله‌ای" in text
    assert "TOTP device" not in text and "برنامه‌های احراز هویت" in text
    f.make_programme(key="digits", name="Digits")
    listing = client.get(reverse("admin:cities_programme_changelist"), {"q": "Digits"})
    counts = listing.content.decode().split('id="changelist"', 1)[1]
    assert "۱ نتیجه" in counts and "۰ از ۱" in counts
    assert not re.search(r">\s*[0-9]+ (نتیجه|برنامه)", counts)


@pytest.mark.django_db
def test_the_persian_admin_loads_the_counters_digits_script_only_in_persian(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:cities_programme_changelist")
    assert "js/admin-digits.js" not in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    assert "js/admin-digits.js" in client.get(url).content.decode()
