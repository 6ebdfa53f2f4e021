"""Settings shared by every environment. The environment is read through django-environ."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin: names in several languages (docs/architecture.md)
    "signin.apps.PortalAdminConfig",  # django.contrib.admin on signin's two-factor admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "signin.apps.AxesConfig",  # django-axes, its name translated
    "django_otp",
    "signin.apps.TOTPConfig",  # django_otp.plugins.otp_totp, its name translated
    "signin",
    "cities",
    "core",
    "candidacy",
    "stakeholders",
    "notifications",
    "library",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cfc_portal.middleware.ContentSecurityPolicyMiddleware",
    # Early, so that a database that cannot be reached (even from the session or the signed-in
    # user) answers 503 with Retry-After rather than a bare 500.
    "cfc_portal.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cities.calendars.CalendarMiddleware",  # each request dates in no programme's calendar yet
    "core.editions.EditionMiddleware",  # each request reads an edition once, at its first use
    "cities.languages.UserLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "signin.middleware.KeptDeviceOTPMiddleware",  # django-otp's, its device kept (editions)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the login page's message
]

ROOT_URLCONF = "cfc_portal.urls"
WSGI_APPLICATION = "cfc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cities.context_processors.portal",
                "notifications.context_processors.inbox",
                "reporting.context_processors.tasks",
            ],
        },
    },
]


def database(config: dict) -> dict:
    """A database of django-environ's URL config: a reused connection is checked before use,
    PostgreSQL's only after it has sat idle (cfc_portal/database: not one more round trip on
    every request)."""
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["ENGINE"] = "cfc_portal.database"
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {
    "default": database(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins of one username
# from one address, that username is refused from that address (portal and admin alike) for
# AXES_COOLOFF_MINUTES, or until a superuser removes the lockout in the admin. Offices share
# one address behind their NAT, so the lock is on the pair: colleagues still sign in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the signed-in user's row kept under the lists' edition
    "core.auth.KeptUserBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "signin.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "signin.addresses.client_address"
# How many reverse proxies that append to X-Forwarded-For stand in front of the portal: 0
# (the default) counts sign-ins under REMOTE_ADDR; production.py reads it from the environment.
SIGNIN_TRUSTED_PROXIES = 0

# Two-factor sign-in (django-otp, TOTP): staff may turn it on at /accounts/two-factor/; whoever
# has a device gives its code after the password, in the portal and in the admin. A superuser
# without one is sent to set it up before the admin opens, unless this is False (settings.local
# turns it off so that the demo's `admin` gets in with the password alone).
OTP_REQUIRED_FOR_SUPERUSERS = env.bool("OTP_REQUIRED_FOR_SUPERUSERS", default=True)
OTP_TOTP_ISSUER = "CFC Candidacy Portal"  # the name authenticator apps show

LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "cfc_portal.views.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "public-cities"
# Each process's own memory cache (no cache server: what is kept is checked against an edition
# number in the database, core.editions). Django's 300 entries would turn over constantly
# with a scope and a sign-off queue per signed-in user and a city page per city and language.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=2000)},
    }
}
# Sessions in the database, read with the lists' edition in one statement (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 12

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fa", _("Persian")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("lt", _("Lithuanian")),
]
# Formats Django lacks (Kazakh) or that the portal sets differently; see cfc_portal/formats/.
FORMAT_MODULE_PATH = ["cfc_portal.formats"]
# Our catalogue first (it wins); then Django's own strings that its catalogues lack for our
# languages (locale_django/<lang>/, outside locale/ so that makemessages never drops them).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
# Names people create (cities, districts, stage titles, indicators...) are data in several
# languages (django-modeltranslation: a column per language). A name missing in the reader's
# language falls back to English, the programmes' common language, then to any language it was
# given in: a Lithuanian reader of an Iranian city sees its English name, else its Persian one.
# Kazakh readers see Russian before English (Kazakhstan's programme works in both).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "fa", "ru", "kk", "lt"),
    "kk": ("ru", "en", "fa", "lt"),
    "ru": ("en", "kk", "fa", "lt"),
}


def _in_language(verbose_name, language):
    """A name field's label per language, in the reader's language: "name (Persian)"."""
    return format_lazy("{} ({})", verbose_name, dict(LANGUAGES)[language])


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _in_language
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Our own CSS and JS, plus Bootstrap as installed from the npm registry by `npm ci`.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cfc_portal.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"  # never served directly: evidence goes through a permission-checked view

# Evidence uploads: checked in core.uploads (size, extension and content).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Django's form renderer, with plain <input> widgets written in Python (core/renderers.py).
FORM_RENDERER = "core.renderers.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="cfc-portal@localhost")
# The portal's public address, for links in e-mails.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# The licence line of the open data files and their page (/open-data/).
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", default="CC BY 4.0")
# The smallest group of children a published figure may be about (core/privacy.py): a figure
# about fewer children is hidden.
PORTAL_SMALL_GROUP_THRESHOLD = env.int("PORTAL_SMALL_GROUP_THRESHOLD", default=5)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The children's atlas: map tiles, e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# (empty: no tiles, the districts' shapes alone), and the attribution the tiles require.
ATLAS_TILE_URL = env("ATLAS_TILE_URL", default="")
ATLAS_TILE_ATTRIBUTION = env("ATLAS_TILE_ATTRIBUTION", default="")
# The public map's tiles (the list of cities, `/`): a URL template as Leaflet takes it
# ("https://tile.example.org/{z}/{x}/{y}.png") and the attribution its provider requires; empty
# (the default): no tiles, the markers on a plain background.
PORTAL_MAP_TILES = env("PORTAL_MAP_TILES", default="")
PORTAL_MAP_ATTRIBUTION = env("PORTAL_MAP_ATTRIBUTION", default="")


# The tiles' origins join img-src; a "{s}" subdomain placeholder becomes a wildcard.
def _tile_origin(url: str) -> str:
    return "/".join(url.split("/")[:3]).replace("{s}", "*") if "://" in url else ""


_IMG_SRC = " ".join(
    dict.fromkeys(
        ["'self'", "data:", *filter(None, map(_tile_origin, [ATLAS_TILE_URL, PORTAL_MAP_TILES]))]
    )
)
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {_IMG_SRC}; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# No page of the portal uses these browser features, so none may ask for them.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
