"""French temporal expressions → ISO values (pure functions, no spaCy).

Values follow ANNOTATION.md §3: a day ``2021-11-22``, a range ``2021-11-18/2021-11-23``, a
month ``2021-11``, a year ``2021``, or None. Relative expressions resolve against the
publication date; without one, a weekday or a day without its year gives None.

:func:`find_dates` reads the expressions of a text; those whose value depends on the tense
of their clause (a weekday, a day without its year) carry what :func:`with_tense` needs to
resolve them again once a parser has told the tense. :func:`detect_pub_date` reads the
publication date a page prints. Times of day are not part of a date and are dropped.

The regular expressions below find the expressions and hold the French temporal reasoning
(weekdays and yearless days by tense, ranges, "courant", commemorations); dateparser turns
the date strings they find into dates (:func:`read_date`: month and weekday names in any
written form, numeric dates, "il y a trois jours", "la semaine dernière", the English dates
printed under embedded tweets).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .components.words import WORDS

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# -- vocabulary ----------------------------------------------------------------------------
# directions a weekday or a yearless day is resolved in, from the tense of its clause
PAST, FUTURE, PRESENT = "past", "future", "present"
LAST, NEXT, NEAREST, THIS_WEEK = "last", "next", "nearest", "this_week"
YEARLESS_AHEAD_DAYS = 62    # a yearless day this far after publication is last year's
WEEKDAY_FIT_DAYS = 183     # "lundi 20 mars" takes the year that makes it a Monday, this close
PAST_SLACK_DAYS = 3         # a past-tense yearless day may fall just after the stated pub date

# -- dateparser ----------------------------------------------------------------------------
DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY"}   # "06/12/2019" is 6 December, also in English
# a reading is of a date ("22 nov. 2021", "20 mars") or relative to the base ("hier", "il y
# a trois jours"): one dateparser parser each, twice as fast as trying both (and never a
# timestamp nor "20211122")
ABSOLUTE_PARSERS, RELATIVE_PARSERS = ("absolute-time",), ("relative-time",)
PREFER_PAST, PREFER_FUTURE, PREFER_CURRENT = "past", "future", "current_period"
# the base of readings that need none; a leap year, so that "29 février" reads
READING_BASE = dt.date(2000, 1, 1)
# a yearless day by direction: dateparser's preference, and how many days from the
# publication date its base is moved (a future is strictly after dateparser's base, a past
# on or before it)
YEARLESS_PREFERENCES = {
    FUTURE: (PREFER_FUTURE, -1), NEXT: (PREFER_FUTURE, -1), LAST: (PREFER_PAST, -1),
    PAST: (PREFER_PAST, PAST_SLACK_DAYS), None: (PREFER_PAST, YEARLESS_AHEAD_DAYS),
}
DEICTIC_KINDS = {"day": "deictic", "week": "range", "month": "month", "year": "year"}
# "l'an passé", "la semaine passée": said the one way dateparser reads (last, next)
PERIOD_WORDINGS = {
    "semaine": ("la semaine dernière", "la semaine prochaine"),
    "mois": ("le mois dernier", "le mois prochain"),
    "annee": ("l'année dernière", "l'année prochaine"),
    "an": ("l'année dernière", "l'année prochaine"),
}
TODAY = "aujourd'hui"    # what "ce matin", "ce soir", "cet après-midi" are to dateparser

# -- regular expressions -------------------------------------------------------------------
WD = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
MON_FULL = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
            r"|novembre|d[ée]cembre")
MON = MON_FULL + r"|janv\.?|f[ée]vr?\.?|avr\.?|juil\.?|sept\.?|oct\.?|nov\.?|d[ée]c\.?"
DAY = r"1er|1ᵉʳ|[12]\d|3[01]|0?[1-9]"
YEAR = r"(?:1[7-9]\d\d|20\d\d)(?!\d)"
REL = r"dernier|derni[èe]re|pass[ée]e?|prochaine?|courant"
END = r"(?![\w-])"    # a word ends here ("mai" is not "maison", "nov." may end with a dot)
NUM_DAY, NUM_MONTH, NUM_YEAR = r"[0-3]?\d", r"[01]?\d", r"(?:19|20)\d\d(?!\d)"


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _g(name: str, body: str) -> str:
    return f"(?P<{name}>{body})"


RANGE_TWO_MONTHS = _re(
    rf"\b(?:du|entre\s+le)\s+(?:(?:{WD})\s+)?{_g('d1', DAY)}\s+{_g('m1', MON)}{END}"
    rf"(?:\s+{_g('y1', YEAR)})?\s+(?:au|et\s+le)\s+(?:(?:{WD})\s+)?{_g('d2', DAY)}\s+"
    rf"{_g('m2', MON)}{END}(?:\s+{_g('y2', YEAR)})?(?:\s+{_g('rel', REL)}{END})?")
RANGE_SAME_MONTH = _re(
    rf"\b(?:du|entre\s+le|les)\s+(?:(?:{WD})\s+)?{_g('d1', DAY)}(?:\s*,\s*(?:{DAY}))*"
    rf"\s+(?:au|et\s+le|et|-)\s+(?:(?:{WD})\s+)?{_g('d2', DAY)}"
    rf"(?:\s+{_g('m', MON)}{END}(?:\s+{_g('y', YEAR)})?)?(?:\s+{_g('rel', REL)}{END})?")
RANGE_YEARS = _re(rf"\b(?:de|entre)\s+{_g('y1', YEAR)}\s+(?:à|a|et)\s+{_g('y2', YEAR)}")
FULL_DATE = _re(
    rf"\b(?:{_g('ce', 'ce|cette')}\s+)?(?:{_g('wd', WD)},?\s+)?{_g('d', DAY)}\s+"
    rf"{_g('m', MON)}{END}(?:\s+{_g('y', YEAR)})?(?:\s+{_g('rel', REL)}{END})?")
DAY_OF_CURRENT_MONTH = _re(
    rf"\ble\s+{_g('d', DAY)}\s+(?:courant|du\s+mois\s+(?:courant|en\s+cours)|de\s+ce\s+mois){END}")
NUMERIC_DATE = _re(
    rf"\b{_g('d', NUM_DAY)}\s*(?P<sep>[/.-])\s*{_g('m', NUM_MONTH)}\s*(?P=sep)\s*"
    rf"{_g('y', NUM_YEAR)}")
ISO_DATE = _re(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
MONTH_YEAR = _re(rf"\b{_g('m', MON)}{END}\s+{_g('y', YEAR)}")
MONTH_ALONE = _re(
    r"(?:\b(?P<prep>en|au\s+mois\s+d(?:e|['’])|fin|d[ée]but|courant|mi-|depuis|d[èe]s|jusqu['’]en)"
    rf"\s*)?\b{_g('m', MON_FULL)}{END}(?!\s+\d)(?:\s+{_g('rel', REL)}{END})?")
YEAR_ALONE = _re(
    r"\b(?P<prep>en|depuis|d[èe]s|l['’]ann[ée]e|l['’]an|courant|fin|d[ée]but|mi-|jusqu['’]en"
    rf"|d['’]ici)\s*{_g('y', YEAR)}")
WEEKDAY = _re(
    rf"\b(?:{_g('ce', 'ce|cette')}\s+)?{_g('wd', WD)}(?:\s+{_g('d', DAY)}(?!\d|[,./-]\d))?"
    rf"(?:\s+{_g('rel', 'dernier|prochain|pass[ée]')})?{END}")
DEICTIC = _re(
    r"\b(?P<word>avant-hier|après-demain|hier|aujourd['’]hui|demain|cette\s+semaine"
    r"|ce\s+mois-ci|cette\s+année|il\s+y\s+a\s+(?:\d{1,2}|\w+)\s+jours"
    r"|(?P<today>ce\s+matin|ce\s+soir|cet\s+après-midi)"
    r"|(?:la|le|l['’])\s*(?P<period>semaine|mois|année|an)\s+"
    r"(?P<rel>dernière|dernier|passée|passé|prochaine|prochain))(?![\w-])")
SHIFTED = _re(
    r"\b(?P<word>la\s+veille|le\s+lendemain|ce\s+jour-là|le\s+même\s+jour|le\s+jour\s+même)"
    r"(?!\s+(?:de|du|des|d['’])\b)(?![\w-])")
NAME_BEFORE = re.compile(r"(\w+)\s+(?:du|de\s+la|des)\s+$")
NAME_AFTER = re.compile(r"\s+[A-ZÉ][a-zé]")  # "Avril Haines": a month word used as a name


@dataclass(frozen=True)
class DateMention:
    """A temporal expression found in a text, with its ISO value (None when not fixed).

    ``weekday``/``this_week``: a bare weekday ("lundi", "ce lundi") whose day depends on the
    tense of its clause; ``yearless_day``: the words of a day given without year ("20
    mars"); ``shift``: "la veille" (-1) or "le lendemain" (+1), relative to the date
    mentioned before it.
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str
    weekday: int | None = None
    this_week: bool = False
    yearless_day: str | None = None
    shift: int | None = None
    yearless_month: int | None = None    # "en juin": its year follows the tense of its clause

    @property
    def depends_on_tense(self) -> bool:
        return self.weekday is not None or self.yearless_day is not None or self.yearless_month is not None


@dataclass(frozen=True)
class PubDate:
    """A publication date read in the page, with the text it was read from."""

    date: dt.date
    evidence: str
    start: int
    end: int
    source: str = "page"    # "published" | "updated" | "header" | "dateline" | "tweet"


def parse_iso_date(value: object) -> dt.date | None:
    """A ``datetime.date`` from a date, a datetime or a "YYYY-MM-DD" string (else ValueError)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form") from None
    raise ValueError(f"{value!r} is not a date")


# -- date values as intervals -------------------------------------------------------------
def _endpoint(value: str, last: bool) -> dt.date:
    """The first (or last) day of an ISO day, month or year."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year = parts[0]
    if len(parts) == 2:
        month = parts[1]
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    if len(parts) == 1:
        return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
    raise ValueError(value)


@lru_cache(maxsize=65536)
def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a date value covers (day, ``a/b`` range, month or year); None
    for a null or unreadable value."""
    if not value:
        return None
    lo, _, hi = str(value).partition("/")
    try:
        first, last = _endpoint(lo.strip(), False), _endpoint((hi or lo).strip(), True)
    except (ValueError, TypeError):
        return None
    return (first, last) if first <= last else None


def compatible_dates(a: str | None, b: str | None) -> bool:
    """True when both dates are known and one contains the other."""
    ba, bb = date_bounds(a), date_bounds(b)
    if ba is None or bb is None:
        return False
    return (ba[0] <= bb[0] and bb[1] <= ba[1]) or (bb[0] <= ba[0] and ba[1] <= bb[1])


# -- small helpers -------------------------------------------------------------------------
def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if unicodedata.category(c) != "Mn")


def _day(word: str) -> int:
    return 1 if word.lower() in ("1er", "1ᵉʳ") else int(word)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day_value(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _range_value(first: dt.date | None, last: dt.date | None) -> str | None:
    if first is None or last is None or last < first:
        return None
    return f"{first.isoformat()}/{last.isoformat()}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week_value(day: dt.date) -> str:
    """The Monday-to-Sunday week of ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _rel(m: re.Match[str]) -> str | None:
    """"dernier"/"prochain"/"courant" after an expression, as LAST, NEXT or "courant"."""
    rel = m.groupdict().get("rel")
    if not rel:
        return None
    rel = _fold(rel)
    if rel.startswith("prochain"):
        return NEXT
    return "courant" if rel == "courant" else LAST


# -- date strings read by dateparser ----------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """What dateparser read in a date string: a date and its precision (``day``, ``week``,
    ``month`` or ``year``)."""

    date: dt.date
    period: str

    @property
    def value(self) -> str:
        """The ISO value of the reading: a day, the week's range, a month or a year."""
        if self.period == "week":
            return _week_value(self.date)
        if self.period == "month":
            return _month_value(self.date.year, self.date.month)
        return str(self.date.year) if self.period == "year" else self.date.isoformat()


def read_date(words: str, base: dt.date | None = None, prefer: str = PREFER_CURRENT,
              relative: bool = False) -> Reading | None:
    """dateparser's reading of a short date string the rules found: a date ("22 nov. 2021",
    "22/11/2021", "November 22, 2021"; a day without its year in the direction ``prefer``
    from ``base``: ``past``, ``future`` or ``current_period``) or, ``relative``, an
    expression relative to ``base``, the publication date ("hier", "il y a trois jours",
    "la semaine dernière"). None when it reads no date."""
    normalised = " ".join(words.replace("’", "'").lower().split())
    return _read(normalised, base or READING_BASE, prefer, relative)


@lru_cache(maxsize=65536)
def _read(words: str, base: dt.date, prefer: str, relative: bool) -> Reading | None:
    data = _dateparser(base, prefer, relative).get_date_data(words)
    if data.date_obj is None:
        return None
    return Reading(data.date_obj.date(), data.period)


@lru_cache(maxsize=4096)
def _dateparser(base: dt.date, prefer: str, relative: bool) -> DateDataParser:
    """The parser for one base and preference (dateparser fixes them when a parser is built;
    that costs some 50 µs, while the locale data its first call loads, the slow part, is
    loaded once a process and shared). French first; English for embedded tweets."""
    from dateparser.date import DateDataParser

    settings = {**DATEPARSER_SETTINGS, "PREFER_DATES_FROM": prefer,
                "PARSERS": list(RELATIVE_PARSERS if relative else ABSOLUTE_PARSERS),
                "RELATIVE_BASE": dt.datetime.combine(base, dt.time())}
    return DateDataParser(languages=["fr", "en"], use_given_order=True, settings=settings)


def _absolute_day(words: str) -> dt.date | None:
    """The day of a date string with its year ("22 nov. 2021", "22/11/2021"), or None."""
    reading = read_date(words)
    return reading.date if reading and reading.period == "day" else None


def _month_number(word: str) -> int:
    """1..12 for a month word or abbreviation the rules matched ("nov.", "août")."""
    return _name_reading(word).date.month


def _weekday_number(word: str) -> int:
    """0 (Monday) .. 6 for a weekday word the rules matched."""
    return _name_reading(word).date.weekday()


def _name_reading(word: str) -> Reading:
    reading = read_date(word)
    if reading is None:    # the patterns only match names dateparser reads
        raise ValueError(f"dateparser does not read {word!r}")
    return reading


def _day_and_month(words: str) -> tuple[int, int] | None:
    """(day, month) of a day without its year ("1er mars"), or None (no such day)."""
    reading = read_date(words)
    return (reading.date.day, reading.date.month) if reading and reading.period == "day" else None


# -- resolution against the publication date ----------------------------------------------
def resolve_weekday(weekday: int, pub_date: dt.date | None, direction: str = PAST) -> str | None:
    """The ISO day of a weekday named relative to ``pub_date``.

    ``past``: the last such day on or before it; ``future``: the next one on or after it;
    ``last``/``next``: strictly before/after ("lundi dernier", "lundi prochain");
    ``nearest``: the closer of past and future (ties go to the past); ``this_week``: the one
    in the Monday-to-Sunday week of ``pub_date`` ("ce lundi"). None without ``pub_date``.
    """
    if pub_date is None:
        return None
    back = (pub_date.weekday() - weekday) % 7
    ahead = (weekday - pub_date.weekday()) % 7
    offsets = {
        PAST: -back, FUTURE: ahead, LAST: -(back or 7), NEXT: ahead or 7,
        NEAREST: -back if back <= ahead else ahead, THIS_WEEK: weekday - pub_date.weekday(),
    }
    return (pub_date + dt.timedelta(days=offsets.get(direction, -back))).isoformat()


def resolve_month_day(words: str, pub_date: dt.date | None,
                      direction: str | None = None) -> str | None:
    """The ISO day of a day given without its year (``words``: "20 mars"), read by
    dateparser from ``pub_date`` in the direction of its clause.

    ``past``: the latest on or about ``pub_date``; ``future``/``next``: the first on or after
    it; ``last``: the latest before it; otherwise the latest that falls at most two months
    after publication (news reports past events).
    """
    if pub_date is None:
        return None
    prefer, shift = YEARLESS_PREFERENCES.get(direction, YEARLESS_PREFERENCES[None])
    reading = read_date(words, pub_date + dt.timedelta(days=shift), prefer)
    return reading.date.isoformat() if reading and reading.period == "day" else None


def _year_of_day(words: str, pub: dt.date | None, direction: str | None) -> int | None:
    value = resolve_month_day(words, pub, direction)
    return int(value[:4]) if value else None


def _weekday_day_year(weekday: int, words: str, pub: dt.date) -> dt.date | None:
    """The year that puts a "lundi 20 mars" on a Monday, the closest to ``pub``."""
    day_month = _day_and_month(words)
    if day_month is None:
        return None
    day, month = day_month
    fits = [d for d in (_safe(pub.year + k, month, day) for k in (0, -1, 1))
            if d and d.weekday() == weekday and abs((d - pub).days) <= WEEKDAY_FIT_DAYS]
    return min(fits, key=lambda d: abs((d - pub).days)) if fits else None


def with_tense(mention: DateMention, pub_date: dt.date | None, tense: str | None) -> DateMention:
    """``mention`` resolved again with the tense of its clause (``past``, ``future``,
    ``present`` or None for unknown). Mentions that do not depend on tense come back as is."""
    if mention.weekday is not None:
        direction = {PAST: PAST, FUTURE: FUTURE}.get(tense or "")
        if direction is None:
            direction = THIS_WEEK if mention.this_week else NEAREST if tense == PRESENT else PAST
        return replace(mention, value=resolve_weekday(mention.weekday, pub_date, direction))
    if mention.yearless_day is not None:
        direction = tense if tense in (PAST, FUTURE) else None
        return replace(mention, value=resolve_month_day(mention.yearless_day, pub_date, direction))
    if mention.yearless_month is not None and pub_date is not None and tense in (PAST, FUTURE):
        month, year = mention.yearless_month, pub_date.year   # "a rencontré ... en juin" (pub. in May):
        if tense == PAST and month > pub_date.month:           # last June; "se rendra en mars"
            year -= 1                                          # (pub. in May): next March
        elif tense == FUTURE and month < pub_date.month:
            year += 1
        return replace(mention, value=_month_value(year, month))
    return mention


# -- one extractor per pattern: match → (value, kind), or None when it is no date ---------
Extracted = tuple[str | None, str] | None


def _range_same_month(m: re.Match[str], pub: dt.date | None) -> Extracted:
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    rel = _rel(m)
    if m["m"] is None:
        if rel != "courant":    # "les 28 et 29" alone is no date
            return None
        if pub is None:
            return None, "range"
        return _range_value(_safe(pub.year, pub.month, d1), _safe(pub.year, pub.month, d2)), "range"
    if m["y"]:
        year: int | None = int(m["y"])
    elif rel == "courant":
        year = pub.year if pub else None
    else:
        year = _year_of_day(f"{m['d1']} {m['m']}", pub, rel)
    if year is None:
        return None, "range"
    month = _month_number(m["m"])
    return _range_value(_safe(year, month, d1), _safe(year, month, d2)), "range"


def _range_two_months(m: re.Match[str], pub: dt.date | None) -> Extracted:
    m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    y2 = int(m["y2"]) if m["y2"] else _year_of_day(f"{m['d2']} {m['m2']}", pub, _rel(m))
    if y2 is None:
        return None, "range"
    y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
    return _range_value(_safe(y1, m1, d1), _safe(y2, m2, d2)), "range"


def _range_years(m: re.Match[str], pub: dt.date | None) -> Extracted:
    """ "de 1999 à 2004", "entre 2015 et 2018": the years from the first to the last."""
    return (f"{m['y1']}/{m['y2']}", "range") if m["y1"] < m["y2"] else None


def _full_date(m: re.Match[str], pub: dt.date | None) -> Extracted:
    words = f"{m['d']} {m['m']}"
    if m["y"]:
        return _day_value(_absolute_day(f"{words} {m['y']}")), "day"
    rel = _rel(m)
    if m["wd"] and pub is not None:
        fitted = _weekday_day_year(_weekday_number(m["wd"]), words, pub)
        if fitted:
            return fitted.isoformat(), "day"
    if rel == "courant":    # of the publication year
        reading = read_date(words, pub, PREFER_CURRENT) if pub else None
        return (reading.date.isoformat() if reading else None), "day"
    return resolve_month_day(words, pub, rel), "day"


def _day_of_current_month(m: re.Match[str], pub: dt.date | None) -> Extracted:
    return (_day_value(_safe(pub.year, pub.month, _day(m["d"]))) if pub else None), "day"


def _numeric(m: re.Match[str], pub: dt.date | None) -> Extracted:
    date = _absolute_day(m.group())     # day, month, year; ISO year, month, day
    return (date.isoformat(), "day") if date else None


def _month_year(m: re.Match[str], pub: dt.date | None) -> Extracted:
    reading = read_date(m.group())
    return (reading.value, "month") if reading and reading.period == "month" else None


def _month_alone(m: re.Match[str], pub: dt.date | None) -> Extracted:
    rel = _rel(m)
    if not m["prep"] and not rel:   # "mars" alone: a word, a planet, a name
        return None
    if pub is None:
        return None, "month"
    month, year = _month_number(m["m"]), pub.year
    if rel == NEXT:
        year += month <= pub.month
    elif rel == LAST:
        year -= month >= pub.month
    elif rel != "courant" and month > pub.month + 2:
        year -= 1
    return _month_value(year, month), "month"


def _year_alone(m: re.Match[str], pub: dt.date | None) -> Extracted:
    return m["y"], "year"


def _weekday(m: re.Match[str], pub: dt.date | None) -> Extracted:
    """A weekday with its day number ("mardi 22"): the nearest such day that fits."""
    weekday, day = _weekday_number(m["wd"]), _day(m["d"])
    if pub is None:
        return None, "day"
    near = [_safe(pub.year, pub.month + k, day) if 1 <= pub.month + k <= 12 else
            _safe(pub.year + (1 if k > 0 else -1), (pub.month + k - 1) % 12 + 1, day)
            for k in (-1, 0, 1)]
    fits = [d for d in near if d and d.weekday() == weekday]
    return _day_value(min(fits, key=lambda d: abs((d - pub).days)) if fits else None), "day"


def _deictic(m: re.Match[str], pub: dt.date | None) -> Extracted:
    """"hier", "il y a trois jours", "la semaine dernière", "l'an passé": read by dateparser
    from the publication date (its period gives the kind); None when it reads no date."""
    reading = read_date(_dateparser_wording(m), pub, relative=True)
    if reading is None:
        return None
    return (reading.value if pub else None), DEICTIC_KINDS.get(reading.period, "deictic")


def _dateparser_wording(m: re.Match[str]) -> str:
    """A deictic as dateparser reads it: "ce soir" is today, "l'an passé" last year."""
    if m["today"]:
        return TODAY
    if m["period"]:
        last, following = PERIOD_WORDINGS[_fold(m["period"])]
        return following if _rel(m) == NEXT else last
    return m["word"]


EXTRACTORS: list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None], Extracted]]] = [
    (RANGE_TWO_MONTHS, _range_two_months),
    (RANGE_SAME_MONTH, _range_same_month),
    (RANGE_YEARS, _range_years),
    (FULL_DATE, _full_date),
    (DAY_OF_CURRENT_MONTH, _day_of_current_month),
    (NUMERIC_DATE, _numeric),
    (ISO_DATE, _numeric),
    (MONTH_YEAR, _month_year),
    (MONTH_ALONE, _month_alone),
    (YEAR_ALONE, _year_alone),
    (DEICTIC, _deictic),
]


# -- reading a text ------------------------------------------------------------------------
def find_dates(text: str, pub_date: dt.date | None = None) -> list[DateMention]:
    """Temporal expressions of ``text`` with their ISO values, sorted by position; overlapping
    matches keep the longest. Without a parse, a bare weekday resolves as past ("ce lundi":
    the week of ``pub_date``) and a yearless day as the nearest past; see :func:`with_tense`."""
    found: list[DateMention] = []
    for pattern, extract in EXTRACTORS:
        for m in pattern.finditer(text):
            if _names_something(text, m):
                continue
            extracted = extract(m, pub_date)
            if extracted is not None:
                found.append(_mention(m, *extracted, yearless_day=_yearless_day(m),
                                      yearless_month=_yearless_month(m)))
    found += [_weekday_mention(m, pub_date) for m in WEEKDAY.finditer(text)]
    found += [_mention(m, None, "deictic", shift=_shift(m["word"])) for m in SHIFTED.finditer(text)]
    return resolve_shifts(_longest_first(found))


def _mention(m: re.Match[str], value: str | None, kind: str, **extra: object) -> DateMention:
    start, end = m.span()
    return DateMention(start, end, m.group(), value, kind, **extra)  # type: ignore[arg-type]


def _yearless_month(m: re.Match[str]) -> int | None:
    """The month of "en juin" (no year, no "dernier"/"prochain"/"courant")."""
    if m.re is not MONTH_ALONE or _rel(m) or not m["prep"]:
        return None
    return _month_number(m["m"])


def _yearless_day(m: re.Match[str]) -> str | None:
    """The words of "le 20 mars": a day whose year the tense of its clause may change."""
    if m.re is not FULL_DATE or m["y"] or m["wd"] or m["rel"]:
        return None
    return f"{m['d']} {m['m']}"


def _weekday_mention(m: re.Match[str], pub: dt.date | None) -> DateMention:
    if m["d"]:
        value, kind = _weekday(m, pub)  # type: ignore[misc]
        return _mention(m, value, kind)
    weekday = _weekday_number(m["wd"])
    rel = _rel(m)
    if rel in (LAST, NEXT):
        return _mention(m, resolve_weekday(weekday, pub, rel), "weekday")
    this_week = bool(m["ce"])
    direction = THIS_WEEK if this_week else PAST
    return _mention(m, resolve_weekday(weekday, pub, direction), "weekday", weekday=weekday,
                    this_week=this_week)


def _names_something(text: str, m: re.Match[str]) -> bool:
    """A month word used as a name ("Avril Haines"), or a yearless day naming a commemoration
    ("la Journée du 20 août", "les attentats du 11 septembre")."""
    groups = m.groupdict()
    digits = any(ch.isdigit() for ch in m.group())
    if not digits and m.group().strip()[:1].isupper() and NAME_AFTER.match(text, m.end()):
        return True
    if groups.get("d") and groups.get("m") and not groups.get("y") and not groups.get("wd"):
        before = NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        return bool(before and _fold(before.group(1)) in WORDS.name_heads)
    return False


def _longest_first(mentions: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []    # in text order and apart, so their ends rise with their starts
    for mention in sorted(mentions, key=lambda d: (-(d.end - d.start), d.start)):
        # the kept mention starting last before this one ends is the only one it may overlap
        n = bisect_left(kept, mention.end, key=lambda k: k.start)
        if n == 0 or kept[n - 1].end <= mention.start:
            kept.insert(n, mention)
    return kept


def _shift(word: str) -> int:
    """Days from the date mentioned last: "la veille" -1, "le lendemain" +1, "ce jour-là" and
    "le même jour" 0."""
    word = word.lower()
    return -1 if "veille" in word else 1 if "lendemain" in word else 0


def resolve_shifts(mentions: list[DateMention]) -> list[DateMention]:
    """"la veille"/"le lendemain"/"ce jour-là" get the day before/after/of the date mentioned
    last before them (a range: before its start, after its end, its start); None when no day
    precedes them."""
    out: list[DateMention] = []
    anchor: str | None = None
    for mention in mentions:
        if mention.shift is not None:
            value = None
            if anchor:
                first, _, last = anchor.partition("/")
                base = dt.date.fromisoformat(first if mention.shift <= 0 else (last or first))
                value = (base + dt.timedelta(days=mention.shift)).isoformat()
            mention = replace(mention, value=value)
        elif mention.value and len(mention.value) >= 10:
            anchor = mention.value
        out.append(mention)
    return out


# -- the publication date a page prints -----------------------------------------------------
DATE_WITH_YEAR = _g("date", (
    rf"{NUM_DAY}\s*(?P<sep>[/.-])\s*{NUM_MONTH}\s*(?P=sep)\s*{NUM_YEAR}"
    rf"|(?:(?:{WD})\s*,?\s+)?(?:{DAY})\s*,?\s+(?:{MON}){END}\s*,?\s+{YEAR}"))
TIME = r"(?:\s*(?:à|-|–|,|\|)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?:\s*(?:GMT|UTC)\s*[+-]?\d*)?)?"
PUBLISHED = _re(
    r"\b(?:publi[ée]e?|post[ée]e?|mis\s+en\s+ligne)\s*(?:dans\s+[^\n]{1,60}?\s+)?:?\s*(?:le\s+)?"
    + DATE_WITH_YEAR)
UPDATED = _re(
    r"\b(?:mis[e]?\s+à\s+jour|modifi[ée]e?|actualis[ée]e?|màj)\s*:?\s*(?:le\s+)?" + DATE_WITH_YEAR)
HEADER_LINE = _re(
    r"(?:^|(?<=[|•·–—])|(?<=\s-)|(?-i:(?<=\bLe)\s))\s*(?:le\s+)?" + DATE_WITH_YEAR + TIME
    + r"(?=\s*(?:$|[|•·–—-]|\bpar\b))")
DATELINE = _re(
    r"^\s*[A-ZÉ][\w'’. -]{1,40}?\s*[,–-]\s*(?:le\s+)?(?:(?:" + WD + r")\s+)?(?:"
    + DATE_WITH_YEAR + rf"|{_g('dd', DAY)}\s+{_g('dm', MON)}{END})\s*"
    + r"(?:\((?-i:[A-Z][\w.-]{1,24})\)|(?=[–—-]\s))")   # "(MAP)", "(AFP)" or a dash
TWEET_DATE = _re(   # "— Name (@handle) November 22, 2021" under an embedded tweet
    r"\(@\w{1,30}\)\s+(?:" + _g("tweet", rf"[a-z]{{3,9}}\.?\s+\d{{1,2}},\s+{YEAR}") + "|"
    + DATE_WITH_YEAR + ")")
PUB_PATTERNS = {"published": PUBLISHED, "updated": UPDATED, "header": HEADER_LINE,
                "dateline": DATELINE, "tweet": TWEET_DATE}
PUB_SOURCES = ("published", "header", "updated", "dateline")    # in order of trust; then tweets
WHOLE_TEXT_SOURCES = {"published", "updated", "tweet"}   # explicit cues: trusted anywhere
PUB_SEARCH_CHARS = 4000      # header lines and datelines are looked for in the page's top
PUB_HEADER_LINE_CHARS = 160  # a longer line is a body paragraph, not a date line


def detect_pub_date(text: str) -> PubDate | None:
    """The publication date printed in a page, with the text it was read from.

    In order of trust: "Publié (dans X) le 25 - 11 - 2021"; a short line of the top made of a
    date ("22 novembre 2021 - 22h00 - …", "Le 03/08/2016 à 08h06", "… | Le 13/12/2004 | …");
    "Mis à jour le …"/"Modifié …"; an agency dateline ("Rabat, 12 mars 2021 (MAP) -",
    whose year, when missing, comes from the latest dated mention of the page); the date of
    the latest embedded tweet. Dates inside body sentences are not taken.
    """
    for source in PUB_SOURCES:
        found = next(_printed(text, source), None)
        if found:
            return found
    tweets = list(_printed(text, "tweet"))
    return max(tweets, key=lambda p: p.date) if tweets else None


def printed_dates(text: str) -> list[PubDate]:
    """Every date stamp of the page (publication, update, header line, dateline, tweet): the
    page's own dates, which are no event's date."""
    return [found for source in (*PUB_SOURCES, "tweet") for found in _printed(text, source)]


def _printed(text: str, source: str) -> Iterator[PubDate]:
    pattern = PUB_PATTERNS[source]
    if source in WHOLE_TEXT_SOURCES:
        yield from (p for m in pattern.finditer(text) if (p := _pub_from_match(m, 0, source)))
        return
    for offset, line in _lines(text[:PUB_SEARCH_CHARS]):
        if source == "header" and len(line.strip()) > PUB_HEADER_LINE_CHARS:
            continue
        for m in pattern.finditer(line):
            if found := _pub_from_match(m, offset, source, text):
                yield found


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return out


def _pub_from_match(m: re.Match[str], offset: int, source: str,
                    text: str = "") -> PubDate | None:
    g = m.groupdict()
    if g.get("date") or g.get("tweet"):
        date = _absolute_day(g.get("date") or g["tweet"])
    elif g.get("dd"):
        date = _dateline_without_year(f"{g['dd']} {g['dm']}", text)
    else:
        date = None
    if date is None:
        return None
    evidence = m.group().strip()
    start = offset + m.start() + m.group().index(evidence)
    return PubDate(date, evidence, start, start + len(evidence), source)


def _dateline_without_year(words: str, text: str) -> dt.date | None:
    """"Rabat, 12 mars (MAP)": the year of the latest fully dated day of the page, when the
    dateline does not come before that day."""
    dated = [dt.date.fromisoformat(d.value) for d in find_dates(text)
             if d.kind == "day" and d.value and d.yearless_day is None]
    day_month = _day_and_month(words)
    if not dated or day_month is None:
        return None
    latest = max(dated)
    candidate = _safe(latest.year, day_month[1], day_month[0])
    return candidate if candidate and candidate >= latest else None
