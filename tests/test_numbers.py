"""Numbers as the reader writes them: the one number filter (`cities.templatetags.portal`) in
each language, currencies by name, and the portal's pages in Persian over the demo data with no
Latin digit in the text a reader sees, other than in what people typed (names, references,
narratives: data, never the interface)."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models, transaction
from django.template import Context, Template
from django.utils import translation

from candidacy.models import Currency, PlanAction, currency_name
from cities.templatetags.portal import format_digits, format_number, format_percent

NBSP = "\xa0"


# --- the filter -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1,305,000.5"),
        ("fa", "۱٬۳۰۵٬۰۰۰٫۵"),
        ("ru", f"1{NBSP}305{NBSP}000,5"),
        ("kk", f"1{NBSP}305{NBSP}000,5"),
        ("lt", f"1{NBSP}305{NBSP}000,5"),
    ],
)
def test_a_number_in_each_language(language, expected):
    with translation.override(language):
        assert format_number(1305000.5) == expected
        assert format_number(Decimal("1305000.50")) == expected
        assert format_number("1305000.5") == expected


@pytest.mark.parametrize(
    ("language", "amount", "percent"),
    [
        ("en", "130,500,000,000", "100%"),
        ("fa", "۱۳۰٬۵۰۰٬۰۰۰٬۰۰۰", "۱۰۰٪"),
        ("ru", f"130{NBSP}500{NBSP}000{NBSP}000", f"100{NBSP}%"),
        ("kk", f"130{NBSP}500{NBSP}000{NBSP}000", f"100{NBSP}%"),
        ("lt", f"130{NBSP}500{NBSP}000{NBSP}000", f"100{NBSP}%"),
    ],
)
def test_amounts_are_grouped_and_percentages_written_as_the_language_does(
    language, amount, percent
):
    with translation.override(language):
        assert format_number(Decimal("130500000000.00")) == amount
        assert format_percent(100) == percent


def test_decimals_years_and_what_is_not_a_number():
    with translation.override("fa"):
        assert format_number(2, 1) == "۲٫۰"
        assert format_number(Decimal("12.345")) == "۱۲٫۳۵"  # at most two places by default
        assert format_number(Decimal("7.10")) == "۷٫۱"
        assert format_percent(12.5) == "۱۲٫۵٪"
        assert format_digits(1403) == "۱۴۰۳"  # years are never grouped
        assert format_number(None) == ""
        assert format_number("—") == "—"
    with translation.override("en"):
        assert format_number(2, 1) == "2.0"
        assert format_number(0) == "0"
        assert format_digits(2024) == "2024"


def test_the_template_filters_are_the_same_functions():
    template = Template(
        "{% load portal %}{{ a|number }} {{ a|number:1 }} {{ p|percent }} {{ y|digits }}"
    )
    context = Context({"a": 1305000.5, "p": 100, "y": 2024})
    with translation.override("fa"):
        assert template.render(context) == "۱٬۳۰۵٬۰۰۰٫۵ ۱٬۳۰۵٬۰۰۰٫۵ ۱۰۰٪ ۲۰۲۴"
    with translation.override("en"):
        assert template.render(context) == "1,305,000.5 1,305,000.5 100% 2024"


def test_currencies_by_name_in_the_readers_language():
    with translation.override("en"):
        assert currency_name(Currency.IRR, Decimal("130500000000")) == "Iranian rials"
        assert currency_name(Currency.USD, 1) == "US dollar"
        assert currency_name("XXX") == "XXX"
    with translation.override("fa"):
        assert currency_name(Currency.IRR, Decimal("130500000000")) == "ریال"
        assert currency_name(Currency.EUR) == "یورو"


# --- the pages in Persian ----------------------------------------------------------------------

LATIN_DIGIT = re.compile(r"[0-9]")
#: Elements whose text is not prose for a reader: code, and the text a user is typing.
NOT_PROSE = {"script", "style", "code", "template", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
AMOUNT = Decimal("130500000000")


class VisibleText(HTMLParser):
    """The text nodes of a page outside NOT_PROSE, and its links."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if not NOT_PROSE.intersection(self.open) and data.strip():
            self.texts.append(" ".join(data.split()))


def typed_values() -> list[str]:
    """Every stored text with a Latin digit that people typed (or the demo typed for them):
    names, references, narratives, targets. Longest first, so that a value is removed before
    any shorter value inside it."""
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"cities", "candidacy", "stakeholders"}:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                found.update(
                    " ".join(value.split())
                    for value in model.objects.filter(**{f"{field.name}__regex": r"[0-9]"})
                    .values_list(field.name, flat=True)
                    .distinct()
                )
    return sorted(found, key=len, reverse=True)


#: Latin digits the interface shows on purpose: names of formats and standards, and how to
#: write a number in a CSV file (a point, Latin digits), whatever the reader's language.
DELIBERATE = ["CSV UTF-8", "UTF-8", "ISO 4217", "1234.5"]


def interface_digits(text: str, values: list[str]) -> str:
    """What is left of a text node with Latin digits once the typed values are taken out (in
    full, or cut short with "…" as a template truncates them): "" when nothing is."""
    for value in [*values, *DELIBERATE]:
        if value in text:
            text = text.replace(value, "")
        if "…" in text and LATIN_DIGIT.search(text):
            for length in range(len(value) - 1, 9, -1):
                if value[:length] + "…" in text:
                    text = text.replace(value[:length] + "…", "")
                    break
    return text if LATIN_DIGIT.search(text) else ""


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module inside a transaction rolled back afterwards,
    with one action of Isfahan's plans costing 130,500,000,000 rials."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        action = PlanAction.objects.filter(
            operational_plan__plan__progress__candidacy__city__slug="isfahan"
        ).first()
        PlanAction.objects.filter(pk=action.pk).update(budget=AMOUNT, currency=Currency.IRR)
        yield typed_values()
        transaction.set_rollback(True)


def crawl(client, start: list[str], inside: tuple[str, ...], limit: int) -> dict[str, list[str]]:
    """The text of every page reached by links from `start` whose path begins with one of
    `inside` (a page at a time, GET only), at most `limit` pages."""
    pages: dict[str, list[str]] = {}
    queue = list(start)
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in pages:
            continue
        response = client.get(url)
        pages[url] = []
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        pages[url] = parser.texts
        for href in parser.links:
            link = urlparse(urljoin(url, href))
            path = link.path + (f"?{link.query}" if link.query else "")
            if not link.netloc and link.path.startswith(inside) and path not in pages:
                queue.append(path)
    return pages


@pytest.mark.usefixtures("db")
class TestPersianPages:
    @pytest.mark.parametrize(
        ("username", "start", "inside", "limit"),
        [
            (None, ["/"], ("/",), 5),
            ("isfahan.office", ["/cities/isfahan/"], ("/cities/isfahan/",), 300),
            ("iran.coordinator", ["/programmes/iran/"], ("/programmes/", "/cities/shiraz/"), 80),
            ("iran.evaluator", ["/queue/"], ("/queue/", "/cities/"), 40),
        ],
    )
    def test_no_latin_digit_outside_typed_data(self, client, demo, username, start, inside, limit):
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        client.cookies["django_language"] = "fa"
        pages = crawl(client, start, inside, limit)
        assert len([texts for texts in pages.values() if texts]) >= min(limit, 3)
        found = {
            (url, text)
            for url, texts in pages.items()
            for text in texts
            if interface_digits(text, demo)
        }
        assert not found, "\n".join(f"{url}: {text}" for url, text in sorted(found))

    def test_the_plans_amounts_are_grouped_in_persian_with_the_currency_by_name(self, client, demo):
        client.force_login(get_user_model().objects.get(username="isfahan.office"))
        client.cookies["django_language"] = "fa"
        parser = VisibleText()
        parser.feed(client.get("/cities/isfahan/stages/plans/").content.decode())
        text = " ".join(parser.texts)
        assert "۱۳۰٬۵۰۰٬۰۰۰٬۰۰۰ ریال" in text
        assert "۱۰۰٪" in text  # the total's share
        assert "IRR" not in text
        assert not re.search(r"[۰-۹]\.[۰-۹]", text)  # one decimal separator: ٫

    def test_the_overview_counts_in_persian_digits(self, client, demo):
        client.force_login(get_user_model().objects.get(username="iran.coordinator"))
        client.cookies["django_language"] = "fa"
        parser = VisibleText()
        parser.feed(client.get("/programmes/iran/").content.decode())
        assert "۱۳ شهر" in parser.texts

    def test_the_same_pages_in_english_keep_latin_digits_and_grouping(self, client, demo):
        client.force_login(get_user_model().objects.get(username="isfahan.office"))
        client.cookies["django_language"] = "en"
        parser = VisibleText()
        parser.feed(client.get("/cities/isfahan/stages/plans/").content.decode())
        assert "130,500,000,000 Iranian rials" in " ".join(parser.texts)
