"""French temporal expressions → ISO values (pure functions, no spaCy).

Values follow ANNOTATION.md §3: a day ``2021-11-22``, a range ``2021-11-18/2021-11-23``, a
month ``2021-11``, a year ``2021``, or None. Relative expressions resolve against the
publication date; without one, a weekday or a day without its year gives None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "fev": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
MONTH = r"(?P<{name}>janv(?:ier|\.)?|f[ée]v(?:rier|r?\.?)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[uû]t|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?)"
DAY = r"(?P<{name}>1er|[12]\d|3[01]|0?[1-9])"
YEAR = r"(?P<{name}>1[7-9]\d\d|20\d\d)"
WEEKDAY = r"(?P<{name}>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
TIME_OF_DAY = r"(?:\s+(?:matin|après-midi|apres-midi|soir|midi))?"
RELATIVE = r"(?:\s+(?P<rel>dernier|dernière|prochain|prochaine|courant))?"


def _p(template: str, **names: str) -> str:
    return template.format(**names)


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Order matters: longer, more specific forms first; overlaps keep the earliest-listed longest match.
RANGE_SAME_MONTH = _re(
    r"\b(?:du|entre le|les)\s+" + DAY.format(name="d1") + r"\s+(?:au|et le|et|-)\s+"
    + DAY.format(name="d2") + r"\s+" + MONTH.format(name="m") + r"(?:\s+" + YEAR.format(name="y") + r")?" + RELATIVE)
RANGE_TWO_MONTHS = _re(
    r"\b(?:du|entre le)\s+" + DAY.format(name="d1") + r"\s+" + MONTH.format(name="m1")
    + r"(?:\s+" + YEAR.format(name="y1") + r")?\s+(?:au|et le)\s+" + DAY.format(name="d2") + r"\s+"
    + MONTH.format(name="m2") + r"(?:\s+" + YEAR.format(name="y2") + r")?")
FULL_DATE = _re(
    r"\b(?:(?P<ce>ce|cette)\s+)?(?:" + WEEKDAY.format(name="wd") + r"\s+)?" + DAY.format(name="d") + r"\s+"
    + MONTH.format(name="m") + r"(?:\s+" + YEAR.format(name="y") + r")?" + RELATIVE + TIME_OF_DAY)
NUMERIC_DATE = _re(r"\b(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<m>[01]?\d)\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\b")
MONTH_YEAR = _re(r"\b(?:en\s+|de\s+|d'|d’|courant\s+|fin\s+|début\s+|mi-)?" + MONTH.format(name="m")
                 + r"\s+" + YEAR.format(name="y") + r"\b")
MONTH_ALONE = _re(r"\b(?P<prep>en|au mois de|fin|début|courant|mi-)\s*" + MONTH.format(name="m")
                  + r"(?:\s+(?P<rel>dernier|prochain))?\b")
YEAR_ALONE = _re(r"\b(?P<prep>en|depuis|dès|des|année|l'an|l’an|courant|fin|début)\s+" + YEAR.format(name="y") + r"\b")
WEEKDAY_ALONE = _re(r"\b(?:(?P<ce>ce|cette)\s+)?" + WEEKDAY.format(name="wd") + r"(?:\s+(?P<rel>dernier|prochain))?" + TIME_OF_DAY + r"\b")
DEICTIC = _re(r"\b(?P<word>avant-hier|hier|aujourd'hui|aujourd’hui|la semaine dernière|la semaine passée|"
              r"le mois dernier|le mois passé|l'année dernière|l’année dernière|l'an dernier|l’an dernier|"
              r"le mois prochain|la semaine prochaine|cette semaine|ce mois-ci)\b")
NOT_A_MONTH_AFTER = re.compile(r"\s+[A-Z][a-zé]")   # "Avril Haines": a month word used as a name

PUB_PATTERNS = [
    _re(r"(?:publié|publie|mis à jour|mis a jour)\s+(?:dans\s+.{1,60}?\s+)?le\s+(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})"),
    _re(r"(?:publié|publie|mis à jour|mis a jour)\s+(?:dans\s+.{1,60}?\s+)?le\s+(?:" + WEEKDAY.format(name="wd") + r"\s+)?"
        + DAY.format(name="d") + r"\s+" + MONTH.format(name="m") + r"\s+" + YEAR.format(name="y")),
    _re(r"^\s*(?:" + WEEKDAY.format(name="wd") + r"\s+)?" + DAY.format(name="d") + r"\s+" + MONTH.format(name="m")
        + r"\s+" + YEAR.format(name="y") + r"(?:\s*(?:-|à|,)\s*\d{1,2}\s*[h:]\s*\d{2})?\s*(?:-|$|\|)"),
    _re(r"^\s*[A-ZÉ][\w' -]{1,30},\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})\s*\((?:MAP|AFP|APS)\)"),
    _re(r"^\s*[A-ZÉ][\w' -]{1,30},\s*" + DAY.format(name="d") + r"\s+" + MONTH.format(name="m") + r"\s+"
        + YEAR.format(name="y") + r"\s*\((?:MAP|AFP|APS)\)"),
]
PUB_SEARCH_CHARS = 3000
PUB_HEADER_LINE_CHARS = 120


@dataclass(frozen=True)
class DateMention:
    """A temporal expression found in a text, with its ISO value (None when not fixed)."""

    start: int
    end: int
    text: str
    value: str | None
    kind: str
    weekday: int | None = None


@dataclass(frozen=True)
class PubDate:
    """A publication date read in the page, with the text it was read from."""

    date: dt.date
    evidence: str
    start: int
    end: int


def parse_iso_date(value: object) -> dt.date | None:
    """A ``datetime.date`` from a date, a datetime or a "YYYY-MM-DD" string (ValueError otherwise)."""
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


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return 1 if word.lower() == "1er" else int(word)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: dt.date | None, rel: str | None) -> int | None:
    """The year of a day given without one: the publication year, or the one before when the
    day would fall well after publication (news reports past events), or per "prochain"."""
    if pub is None:
        return None
    year = pub.year
    candidate = _safe(year, month, day)
    if candidate is None:
        return year
    if rel and rel.lower().startswith("prochain"):
        return year + 1 if candidate < pub else year
    if rel and rel.lower().startswith("derni"):
        return year - 1 if candidate > pub else year
    if (candidate - pub).days > 62:
        return year - 1
    return year


def resolve_weekday(weekday: int, pub_date: dt.date | None, direction: str = "past") -> str | None:
    """The ISO day of a weekday named relative to ``pub_date``: "past" is the last such day
    on or before it, "future" the next one on or after it."""
    if pub_date is None:
        return None
    if direction == "future":
        delta = (weekday - pub_date.weekday()) % 7
        return (pub_date + dt.timedelta(days=delta)).isoformat()
    delta = (pub_date.weekday() - weekday) % 7
    return (pub_date - dt.timedelta(days=delta)).isoformat()


def _deictic(word: str, pub: dt.date | None) -> tuple[str | None, str]:
    w = word.lower().replace("’", "'")
    if pub is None:
        return None, "deictic"
    if w == "hier":
        return (pub - dt.timedelta(days=1)).isoformat(), "deictic"
    if w == "avant-hier":
        return (pub - dt.timedelta(days=2)).isoformat(), "deictic"
    if w in ("aujourd'hui",):
        return pub.isoformat(), "deictic"
    if w in ("la semaine dernière", "la semaine passée"):
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", "range"
    if w in ("cette semaine",):
        monday = pub - dt.timedelta(days=pub.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", "range"
    if w in ("le mois dernier", "le mois passé"):
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", "month"
    if w in ("ce mois-ci",):
        return f"{pub.year:04d}-{pub.month:02d}", "month"
    if w in ("le mois prochain",):
        nxt = (pub.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return f"{nxt.year:04d}-{nxt.month:02d}", "month"
    if w in ("l'année dernière", "l'an dernier"):
        return str(pub.year - 1), "year"
    if w == "la semaine prochaine":
        monday = pub + dt.timedelta(days=7 - pub.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", "range"
    return None, "deictic"


def _range_same_month(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    month = _month(m["m"])
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    if m["y"]:
        year = int(m["y"])
    elif m["rel"] and m["rel"].lower() == "courant" and pub:
        year = pub.year
    else:
        year = _year_for(month, d1, pub, m["rel"])
    if year is None:
        return None, "range"
    a, b = _safe(year, month, d1), _safe(year, month, d2)
    if a is None or b is None or b < a:
        return None, "range"
    return f"{a.isoformat()}/{b.isoformat()}", "range"


def _range_two_months(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    y2 = int(m["y2"]) if m["y2"] else _year_for(m2, d2, pub, None)
    if y2 is None:
        return None, "range"
    y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
    a, b = _safe(y1, m1, d1), _safe(y2, m2, d2)
    if a is None or b is None or b < a:
        return None, "range"
    return f"{a.isoformat()}/{b.isoformat()}", "range"


def _full_date(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    month, day = _month(m["m"]), _day(m["d"])
    year = int(m["y"]) if m["y"] else _year_for(month, day, pub, m["rel"])
    if year is None:
        return None, "day"
    date = _safe(year, month, day)
    return (date.isoformat() if date else None), "day"


def _numeric(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    date = _safe(int(m["y"]), int(m["m"]), int(m["d"]))   # French order: day/month/year
    return (date.isoformat() if date else None), "day"


def _month_year(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    return f"{int(m['y']):04d}-{_month(m['m']):02d}", "month"


def _month_alone(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "month"
    month = _month(m["m"])
    year = pub.year
    if m["rel"] and m["rel"].lower() == "prochain":
        year = year + 1 if month < pub.month else year
    elif month > pub.month + 2 or (m["rel"] and m["rel"].lower() == "dernier" and month >= pub.month):
        year -= 1
    return f"{year:04d}-{month:02d}", "month"


def _year_alone(m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    return m["y"], "year"


EXTRACTORS = [
    (RANGE_TWO_MONTHS, _range_two_months),
    (RANGE_SAME_MONTH, _range_same_month),
    (FULL_DATE, _full_date),
    (NUMERIC_DATE, _numeric),
    (MONTH_YEAR, _month_year),
    (MONTH_ALONE, _month_alone),
    (YEAR_ALONE, _year_alone),
]


def find_dates(text: str, pub_date: dt.date | None = None) -> list[DateMention]:
    """Temporal expressions of ``text`` with their ISO values, sorted by position; overlapping
    matches keep the longest. Weekdays resolve as past (see :func:`resolve_weekday`)."""
    found: list[DateMention] = []
    for pattern, extract in EXTRACTORS:
        for m in pattern.finditer(text):
            if _month_used_as_name(text, m):
                continue
            value, kind = extract(m, pub_date)
            found.append(DateMention(m.start(), m.end(), m.group(), value, kind))
    for m in WEEKDAY_ALONE.finditer(text):
        weekday = WEEKDAYS[m["wd"].lower()]
        direction = "future" if m["rel"] and m["rel"].lower() == "prochain" else "past"
        found.append(DateMention(m.start(), m.end(), m.group(), resolve_weekday(weekday, pub_date, direction),
                                 "weekday", weekday))
    for m in DEICTIC.finditer(text):
        value, kind = _deictic(m["word"], pub_date)
        found.append(DateMention(m.start(), m.end(), m.group(), value, kind))
    return _longest_first(found)


def _month_used_as_name(text: str, m: re.Match[str]) -> bool:
    """"Avril Haines", "Mars Petroleum": a month word directly followed by a capitalised word."""
    end = m.end()
    return bool(m.group().strip()[:1].isupper() and NOT_A_MONTH_AFTER.match(text, end)
                and not any(ch.isdigit() for ch in m.group()))


def _longest_first(mentions: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda d: (-(d.end - d.start), d.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda d: d.start)


def detect_pub_date(text: str) -> PubDate | None:
    """The publication date printed in a page: "Publié dans X le 25 - 11 - 2021", a header
    line "22 novembre 2021 - 22h00 - ...", "Publié le 04/10/2020 à 10h15", a dateline
    "Rabat, 12/03/2021 (MAP)". Dates inside body sentences are not taken."""
    head = text[:PUB_SEARCH_CHARS]
    for pattern in PUB_PATTERNS[:2]:
        m = pattern.search(head) or pattern.search(text)
        if m:
            found = _pub_from_match(m)
            if found:
                return found
    offset = 0
    for line in head.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) <= PUB_HEADER_LINE_CHARS or "(MAP)" in stripped:
            for pattern in PUB_PATTERNS[2:]:
                m = pattern.search(line)
                if m:
                    found = _pub_from_match(m, offset)
                    if found:
                        return found
        offset += len(line)
    return None


def _pub_from_match(m: re.Match[str], offset: int = 0) -> PubDate | None:
    day = _day(m["d"])
    month = int(m["m"]) if m["m"].isdigit() else _month(m["m"])
    date = _safe(int(m["y"]), month, day)
    if date is None:
        return None
    return PubDate(date, m.group().strip(), offset + m.start(), offset + m.end())
