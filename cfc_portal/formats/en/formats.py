"""English as UNICEF and the programmes write it: day month year ("31 July 2024"), a 24-hour
clock and day/month/year when short, never the US month-first order that Django's en formats
use (07/31/2024 reads as the 7th of a 31st month outside the US). Numbers stay Django's
(1,305,000.5). Names the formats leave out fall back to Django's en formats."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
