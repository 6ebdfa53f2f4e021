"""Lithuanian thousands: Django's lt formats group with a point ("1.305.000,5"); Lithuanian
standards and CLDR (so the browser's Intl.NumberFormat("lt"), which draws the atlas legend) use
a no-break space ("1 305 000,5"). One way on one page. The rest comes from Django's lt formats."""

THOUSAND_SEPARATOR = "\xa0"  # no-break space
