"""When a campaign's reminders go out: a schedule of steps, sent only in school hours in term time.

Steps are counted from the campaign's start in the school's wall-clock time, so "after 3 days"
is the same local hour across a clock change. A step whose moment falls on a weekend, in the
evening or in a holiday waits for the next school-day morning. After downtime only the latest
step that has come due is sent (the ones skipped never are), so nobody gets a burst of reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY_STARTS = time(8, 0)
DAY_ENDS = time(18, 0)
"""Reminders go out from 08:00 up to (not including) 18:00 school-local time."""
_SATURDAY = 5
_SEARCH_DAYS = 800


@dataclass(frozen=True, slots=True)
class ReminderSchedule:
    """E.g. after 3 days, then after 7, then every 7 days after that; at most 4 in all."""

    after_days: tuple[int, ...] = (3, 7)
    then_every_days: int = 7
    max_reminders: int = 4

    def __post_init__(self) -> None:
        if any(d <= 0 for d in self.after_days) or list(self.after_days) != sorted(
            set(self.after_days)
        ):
            raise ValueError("reminder days must be positive and increasing")
        if self.then_every_days < 0 or self.max_reminders < 0:
            raise ValueError("reminder intervals and counts must not be negative")

    @property
    def steps(self) -> int:
        """How many reminders the schedule can send at most."""
        if self.then_every_days == 0:
            return min(self.max_reminders, len(self.after_days))
        return self.max_reminders

    def offset(self, step: int) -> timedelta:
        """How long after the start step `step` (1-based) falls due."""
        if step <= len(self.after_days):
            return timedelta(days=self.after_days[step - 1])
        last = self.after_days[-1] if self.after_days else 0
        return timedelta(days=last + (step - len(self.after_days)) * self.then_every_days)

    def describe(self) -> str:
        parts = [f"after {d} day{'s' if d != 1 else ''}" for d in self.after_days]
        if self.then_every_days:
            parts.append(f"then every {self.then_every_days} days")
        return f"{', '.join(parts) or 'none'}; at most {self.steps}"


NO_REMINDERS = ReminderSchedule(after_days=(), then_every_days=0, max_reminders=0)


@dataclass(frozen=True, slots=True)
class Term:
    starts_on: date
    ends_on: date
    """Inclusive."""


@dataclass(frozen=True, slots=True)
class SchoolCalendar:
    """The school's clock and, when the office has entered them, its terms."""

    timezone: str = "Europe/London"
    terms: tuple[Term, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def in_holiday(self, day: date) -> bool:
        """Between the first entered term and the last, any day outside a term is a holiday.

        Beyond the entered terms we know nothing, so those days are treated as term time: a
        school that has not entered next year's dates still gets its reminders.
        """
        if not self.terms:
            return False
        if day < min(t.starts_on for t in self.terms) or day > max(t.ends_on for t in self.terms):
            return False
        return not any(t.starts_on <= day <= t.ends_on for t in self.terms)

    def school_day(self, day: date) -> bool:
        return day.weekday() < _SATURDAY and not self.in_holiday(day)

    def open_at(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return self.school_day(local.date()) and DAY_STARTS <= local.time() < DAY_ENDS

    def next_open(self, moment: datetime) -> datetime:
        """The first moment at or after `moment` when a reminder may go out."""
        if self.open_at(moment):
            return moment
        local = moment.astimezone(self.zone)
        day = local.date()
        if local.time() >= DAY_STARTS:
            day += timedelta(days=1)
        for _ in range(_SEARCH_DAYS):
            if self.school_day(day):
                return datetime.combine(day, DAY_STARTS, tzinfo=self.zone).astimezone(moment.tzinfo)
            day += timedelta(days=1)
        raise ValueError(f"no school day within {_SEARCH_DAYS} days of {moment:%Y-%m-%d}")


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    due_step: int | None
    """The step to send now, or None."""
    next_at: datetime | None
    """When the following step becomes due (after sending `due_step`, if any); None when done."""


def nominal_at(
    schedule: ReminderSchedule, calendar: SchoolCalendar, start: datetime, step: int
) -> datetime:
    """When a step falls due before school hours are considered: wall-clock days after start."""
    local = start.astimezone(calendar.zone)
    # Aware-datetime arithmetic in Python is wall-clock arithmetic: 10:00 stays 10:00 over DST.
    return (local + schedule.offset(step)).astimezone(start.tzinfo)


def due_step(
    schedule: ReminderSchedule, calendar: SchoolCalendar, start: datetime, sent: int, now: datetime
) -> int | None:
    """The step to send now: the latest one whose moment has passed, if school is open now."""
    if sent >= schedule.steps or not calendar.open_at(now):
        return None
    due = None
    for step in range(sent + 1, schedule.steps + 1):
        if nominal_at(schedule, calendar, start, step) > now:
            break
        due = step
    return due


def next_due_at(
    schedule: ReminderSchedule, calendar: SchoolCalendar, start: datetime, sent: int, now: datetime
) -> datetime | None:
    """The first moment after `now` at which step `sent + 1` may go out; None when none is left."""
    if sent >= schedule.steps:
        return None
    nominal = nominal_at(schedule, calendar, start, sent + 1)
    return calendar.next_open(max(nominal, now))


def plan(
    schedule: ReminderSchedule, calendar: SchoolCalendar, start: datetime, sent: int, now: datetime
) -> ReminderPlan:
    step = due_step(schedule, calendar, start, sent, now)
    after = step if step is not None else sent
    later = now + timedelta(microseconds=1) if step is not None else now
    return ReminderPlan(step, next_due_at(schedule, calendar, start, after, later))
