"""Date arithmetic for resolving time words against a publication date (Gregorian and Umm al-Qura Hijri).

The resolution rules, in one place so they can be documented and tested:

* ``mode="past"`` (a bare weekday, month or day-month in news): the most recent one *on or before* the
  publication date. News reports "on Wednesday" for the last Wednesday up to and including the day of
  publication, and "in February" for the last February not after the publication month. A day-month
  (3 مارس) gets a tolerance of ``DAY_TOLERANCE`` days forward, because reports often announce the next
  few days ("the meeting on 5 March" written on 2 March) and a year's jump back would be absurd.
* ``mode="last"`` (الماضي, المنصرم): strictly before (the publication day/month itself excluded).
* ``mode="next"`` (المقبل, القادم): strictly after.
* ``mode="future"`` (a future verb سـ/سوف/لن earlier in the clause): on or after — "سيزور ... الأربعاء"
  written on a Wednesday most often means that same day; a week ahead is written الأربعاء المقبل.
* ``mode="current"`` (الجاري, الحالي): the one in the publication's own year (or month).

Hijri values: a Hijri expression without a day (رمضان 1442, عام 1436 هـ) resolves to the Gregorian date of
its first day; the kind ``hijri`` tells consumers the value stands for a lunar month or year.
"""
from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri

DAY_TOLERANCE = 7
HIJRI_MIN, HIJRI_MAX = 1343, 1500  # the Umm al-Qura table that hijridate ships


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def shift_days(p: date, days: int) -> date | None:
    try:
        return p + timedelta(days=days)
    except OverflowError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def resolve_weekday(p: date, isoweekday: int, mode: str = "past") -> date:
    """The date of weekday ``isoweekday`` (1 = Monday) relative to ``p`` under ``mode`` (see module doc)."""
    back = (p.isoweekday() - isoweekday) % 7  # days since the last such day, 0 if p is one
    if mode == "last":
        return p - timedelta(days=back or 7)
    if mode == "next":
        return p + timedelta(days=(isoweekday - p.isoweekday()) % 7 or 7)
    if mode == "future":
        return p + timedelta(days=(isoweekday - p.isoweekday()) % 7)
    return p - timedelta(days=back)


def resolve_month(p: date, month: int, mode: str = "past") -> tuple[int, int]:
    """(year, month) of a month name without a year."""
    y = p.year
    if mode == "current":
        return y, month
    if mode in ("past", "last"):
        if month > p.month or (mode == "last" and month == p.month):
            y -= 1
        return y, month
    if month < p.month or (mode == "next" and month == p.month):
        y += 1
    return y, month


def valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_day_month(p: date, month: int, day: int, mode: str = "past") -> date | None:
    """A day and month without a year, placed in the year the mode picks (None if never valid, 30 فبراير)."""
    if mode == "current":
        return valid_date(p.year, month, day)
    cands = [c for c in (valid_date(y, month, day) for y in (p.year - 1, p.year, p.year + 1)) if c]
    return _pick(cands, p, mode)


# ---- Hijri ------------------------------------------------------------------------------------------

def hijri_to_date(year: int, month: int, day: int = 1) -> date | None:
    """Gregorian date of a Hijri date, or None outside the Umm al-Qura table or for a day the month lacks."""
    try:
        g = Hijri(year, month, day).to_gregorian()
        return date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def to_hijri(p: date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(p.year, p.month, p.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def hijri_year_for_gregorian(gyear: int, hmonth: int) -> int | None:
    """The Hijri year whose month ``hmonth`` begins in Gregorian year ``gyear`` (رمضان 2021 -> 1442)."""
    start = to_hijri(date(gyear, 1, 1)) if 1 <= gyear <= 9999 else None
    if start is None:
        return None
    for hy in (start[0], start[0] + 1):
        d = hijri_to_date(hy, hmonth)
        if d is not None and d.year == gyear:
            return hy
    return None


def resolve_hijri_month(p: date, hmonth: int, mode: str = "past") -> int | None:
    """The Hijri year of a Hijri month named without a year, by the same rules as Gregorian months."""
    h = to_hijri(p)
    if h is None:
        return None
    y, m, _ = h
    if mode == "current":
        return y
    if mode in ("past", "last"):
        return y - 1 if hmonth > m or (mode == "last" and hmonth == m) else y
    return y + 1 if hmonth < m or (mode == "next" and hmonth == m) else y


def resolve_hijri_day_month(p: date, hmonth: int, hday: int, mode: str = "past") -> date | None:
    """A Hijri day and month without a year, as a Gregorian date (same rules as ``resolve_day_month``)."""
    h = to_hijri(p)
    if h is None:
        return None
    if mode == "current":
        return hijri_to_date(h[0], hmonth, hday)
    cands = [c for c in (hijri_to_date(y, hmonth, hday) for y in (h[0] - 1, h[0], h[0] + 1)) if c]
    return _pick(cands, p, mode)


def iso_day(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def iso_month(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= y <= 9999 else None


def iso_year(y: int) -> str | None:
    return f"{y:04d}" if 1 <= y <= 9999 else None


def _pick(cands: list[date], p: date, mode: str) -> date | None:
    """Among a date's readings in neighbouring years (ascending), the one ``mode`` means relative to ``p``."""
    if mode == "past":
        limit = p + timedelta(days=DAY_TOLERANCE)
        ok = [c for c in cands if c <= limit]
        return ok[-1] if ok else None
    if mode == "last":
        ok = [c for c in cands if c < p]
        return ok[-1] if ok else None
    ok = [c for c in cands if (c > p if mode == "next" else c >= p)]
    return ok[0] if ok else None
