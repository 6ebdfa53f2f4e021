"""Persian number separators, which Django's own fa formats leave as the Latin "." and "," with
no grouping: the Arabic decimal separator and thousands separator, three digits a group, as
Iranian print and CLDR write them (the browser's Intl.NumberFormat("fa") agrees). Whatever this
module does not set comes from Django's fa formats."""

DECIMAL_SEPARATOR = "٫"  # U+066B ARABIC DECIMAL SEPARATOR
THOUSAND_SEPARATOR = "٬"  # U+066C ARABIC THOUSANDS SEPARATOR
NUMBER_GROUPING = 3
