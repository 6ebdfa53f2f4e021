"""`manage.py load_world --scale N`: the world-scale data set of `demo.world` (issue 10), for the
benchmark. Scale 1 is 500 cities in 5 programmes, scale 10 is 5,000 cities in 50 programmes;
`--cities N` asks for N cities instead (the tests use a tiny world).

It refuses to run on a database that already holds cities, unless `--force-append`: then it adds
a second world beside what is there (new programmes, cities and logins; it fails, changing
nothing, if a name it needs is taken, e.g. a second world of the same shape)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection
from django.test.utils import override_settings

from cities.models import City
from demo.world import WorldShape, world_load
from demo.world.load import PASSWORD


class Command(BaseCommand):
    help = "Load the world-scale data set (issue 10) into an empty database and print its logins."

    def add_arguments(self, parser):
        size = parser.add_mutually_exclusive_group()
        size.add_argument("--scale", type=float, default=None, help="1: 500 cities (default)")
        size.add_argument("--cities", type=int, default=None, help="exactly this many cities")
        parser.add_argument(
            "--force-append",
            action="store_true",
            help="load even if the database holds cities (adds a world beside them)",
        )

    def handle(self, *args, scale=None, cities=None, force_append=False, verbosity=1, **options):
        if City.objects.exists() and not force_append:
            raise CommandError(
                "The database already holds cities: nothing was loaded. Load into an empty "
                "database, or add --force-append to load a world beside them."
            )
        if scale is not None and scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if cities is not None:
            shape = WorldShape.of_cities(cities)
        else:
            shape = WorldShape.at_scale(1 if scale is None else scale)
        started = time.monotonic()

        def progress(done, total):
            if verbosity > 1 or (verbosity and done % 1000 == 0):
                self.stdout.write(f"  {done} / {total} cities ({time.monotonic() - started:.0f} s)")

        # Nothing is e-mailed: the generator writes rows, it sends no workflow event.
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                world = world_load(shape, progress=progress)
        except IntegrityError as error:
            raise CommandError(
                "A name the world needs is taken (a world is loaded already?): nothing was "
                f"loaded. ({error})"
            ) from error
        # The database's planner statistics, refreshed at once rather than when autovacuum
        # gets to the new rows: until then it plans for empty tables (the sign-off queue took
        # 121 ms instead of 6 on the 5,000-city world).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded a world of {world.cities} cities in {len(world.programmes)} programmes "
                f"in {seconds:.1f} s."
            )
        )
        self.stdout.write(f"Big city: {world.big_city}; atlas import city: {world.import_city}")
        self.stdout.write(f"Logins (password for every one: {PASSWORD})")
        for username, role, scope in world.logins[: 2 + 2 * min(3, len(world.programmes))]:
            self.stdout.write(f"  {username:<34} {role:<12} {scope}")
        if len(world.logins) > 8:
            self.stdout.write(
                "  ... and <programme key>.coordinator1/2, .evaluator1, .office1/2/3 for every "
                "programme."
            )
