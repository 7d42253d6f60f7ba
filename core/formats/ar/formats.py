"""Arabic date formats: "14 أيار/مايو 2020", the style of the Arabic text itself.

Django's Arabic formats put a comma between month and year ("14 مايو، 2020") and name months
the Egyptian way only, while the translated text names them in the dual style used across
the Levant and Iraq and understood in the Gulf ("نيسان/أبريل"). One style is used everywhere
(docs/translation.md); the month names are in core/month_names.py.
"""

DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d/m/Y"
