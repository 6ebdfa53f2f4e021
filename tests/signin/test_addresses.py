"""The address a sign-in is counted under, behind the production proxy."""

import pytest
from django.test import RequestFactory, override_settings

from signin.addresses import client_address


def request(forwarded=None):
    extra = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_remote_address_counts_and_the_header_is_ignored():
    assert client_address(request("6.6.6.6")) == "127.0.0.1"


@override_settings(SIGNIN_TRUSTED_PROXIES=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),  # what nginx appended
        ("6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a client cannot choose its address
        ("", "127.0.0.1"),  # not through the proxy
        (None, "127.0.0.1"),
    ],
)
def test_behind_one_proxy_the_address_it_appended_counts(forwarded, expected):
    assert client_address(request(forwarded)) == expected


@override_settings(SIGNIN_TRUSTED_PROXIES=2)
def test_behind_two_proxies_the_outer_ones_entry_counts():
    assert client_address(request("6.6.6.6, 203.0.113.9, 10.0.0.5")) == "203.0.113.9"
