"""Kazakh formats, which Django does not ship, as Kazakh writes them (and as the Unicode CLDR
records them for kk): the year first in a long date, "2019 ж. 19 тамыз", with the month in lower
case after the day (Django's 'E', the alternative month names, which our catalogue
locale_django/kk/ supplies in lower case); a 24-hour clock with two-digit hours; day.month.year
in short dates; a comma for decimals and a no-break space between thousands.
The *_FORMAT strings use Django's date format syntax; the *_INPUT_FORMATS use strftime's."""

DATE_FORMAT = "Y ж. j E"  # 2019 ж. 19 тамыз
TIME_FORMAT = "H:i"  # 09:05
DATETIME_FORMAT = "Y ж. j E, H:i"  # 2019 ж. 19 тамыз, 09:05
YEAR_MONTH_FORMAT = "Y ж. E"  # 2019 ж. тамыз
MONTH_DAY_FORMAT = "j E"  # 19 тамыз
SHORT_DATE_FORMAT = "d.m.Y"  # 19.08.2019
SHORT_DATETIME_FORMAT = "d.m.Y H:i"  # 19.08.2019 09:05
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '25.10.2006'
    "%Y-%m-%d",  # '2006-10-25'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # no-break space
NUMBER_GROUPING = 3
