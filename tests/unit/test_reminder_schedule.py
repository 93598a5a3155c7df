"""The reminder schedule: school hours, weekends, holidays, clock changes, and a limit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.core.reminders import (
    NO_REMINDERS,
    ReminderSchedule,
    SchoolCalendar,
    Term,
    due_step,
    next_due_at,
    plan,
)

LONDON = ZoneInfo("Europe/London")
SCHEDULE = ReminderSchedule(after_days=(3, 7), then_every_days=7, max_reminders=4)
CALENDAR = SchoolCalendar("Europe/London")


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


# Wednesday 1 October 2025, 10:00 in London (09:00 UTC).
START = london(2025, 10, 1, 10)


def test_nothing_is_due_before_the_first_step():
    assert due_step(SCHEDULE, CALENDAR, START, 0, START + timedelta(days=2, hours=23)) is None
    # Step 1 falls on Saturday 4th: the first school moment after it is Monday 6th at 08:00.
    assert next_due_at(SCHEDULE, CALENDAR, START, 0, START) == london(2025, 10, 6, 8)


def test_a_step_due_on_a_weekday_goes_at_its_time():
    # Second step: 7 days after start, Wednesday 8th 10:00.
    assert due_step(SCHEDULE, CALENDAR, START, 1, london(2025, 10, 8, 9, 59)) is None
    assert due_step(SCHEDULE, CALENDAR, START, 1, london(2025, 10, 8, 10)) == 2


def test_a_step_falling_at_the_weekend_waits_for_monday_morning():
    saturday, sunday = london(2025, 10, 4, 10), london(2025, 10, 5, 12)
    assert due_step(SCHEDULE, CALENDAR, START, 0, saturday) is None
    assert due_step(SCHEDULE, CALENDAR, START, 0, sunday) is None
    assert due_step(SCHEDULE, CALENDAR, START, 0, london(2025, 10, 6, 7, 59)) is None
    assert due_step(SCHEDULE, CALENDAR, START, 0, london(2025, 10, 6, 8)) == 1
    assert next_due_at(SCHEDULE, CALENDAR, START, 0, saturday) == london(2025, 10, 6, 8)


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ((2025, 10, 8, 7, 59, 59), False),
        ((2025, 10, 8, 8, 0, 0), True),
        ((2025, 10, 8, 17, 59, 59), True),
        ((2025, 10, 8, 18, 0, 0), False),
        ((2025, 10, 8, 23, 0, 0), False),
    ],
)
def test_school_hours_are_eight_until_six_local_time(moment, open_):
    assert CALENDAR.open_at(london(*moment)) is open_


def test_an_evening_step_goes_out_next_morning():
    start = london(2025, 10, 1, 20)  # a campaign started at 8pm
    assert due_step(SCHEDULE, CALENDAR, start, 0, london(2025, 10, 6, 20)) is None
    assert next_due_at(SCHEDULE, CALENDAR, start, 0, start) == london(2025, 10, 6, 8)
    assert due_step(SCHEDULE, CALENDAR, start, 0, london(2025, 10, 6, 8)) == 1


def test_friday_evening_waits_until_monday():
    start = london(2025, 9, 29, 19)  # Monday evening: step 1 falls on Thursday 19:00
    assert next_due_at(SCHEDULE, CALENDAR, start, 0, start) == london(2025, 10, 3, 8)
    start = london(2025, 9, 30, 19)  # Tuesday evening: Friday 19:00 -> Monday 08:00
    assert next_due_at(SCHEDULE, CALENDAR, start, 0, start) == london(2025, 10, 6, 8)


HALF_TERM = SchoolCalendar(
    "Europe/London",
    terms=(Term(date(2025, 9, 3), date(2025, 10, 24)), Term(date(2025, 11, 3), date(2025, 12, 19))),
)


def test_no_reminders_in_the_holidays():
    start = london(2025, 10, 22, 10)  # Wednesday before half term: step 1 is Saturday 25th
    for day in range(25, 32):
        assert due_step(SCHEDULE, HALF_TERM, start, 0, london(2025, 10, day, 10)) is None
    assert due_step(SCHEDULE, HALF_TERM, start, 0, london(2025, 11, 2, 10)) is None  # Sunday
    # First day back, Monday 3 November: step 1 and step 2 (29 October) have both passed; only
    # the latest is sent, so nobody gets two reminders at once.
    assert due_step(SCHEDULE, HALF_TERM, start, 0, london(2025, 11, 3, 8)) == 2
    assert next_due_at(SCHEDULE, HALF_TERM, start, 0, start) == london(2025, 11, 3, 8)


def test_holiday_edges_are_the_term_dates_themselves():
    assert HALF_TERM.school_day(date(2025, 10, 24))  # last day of term (a Friday)
    assert not HALF_TERM.school_day(date(2025, 10, 27))  # Monday of half term
    assert HALF_TERM.school_day(date(2025, 11, 3))  # first day back
    # Before the first and after the last entered term nothing is known: treated as term time.
    assert HALF_TERM.school_day(date(2026, 1, 5))
    assert HALF_TERM.school_day(date(2025, 9, 1))


def test_steps_keep_their_local_hour_across_the_clock_change():
    # Friday 24 October 2025, 10:00 BST (09:00 UTC); clocks go back on Sunday 26th.
    start = london(2025, 10, 24, 10)
    step_one = next_due_at(SCHEDULE, CALENDAR, start, 0, start)
    assert step_one == london(2025, 10, 27, 10)  # Monday 10:00 GMT
    assert step_one.astimezone(UTC).hour == 10  # not 09:00 UTC: the wall clock moved
    assert due_step(SCHEDULE, CALENDAR, start, 0, datetime(2025, 10, 27, 9, 59, tzinfo=UTC)) is None
    assert due_step(SCHEDULE, CALENDAR, start, 0, datetime(2025, 10, 27, 10, tzinfo=UTC)) == 1


def test_school_hours_follow_the_clock_change_in_spring():
    # Monday 31 March 2025 is BST: 08:00 local is 07:00 UTC.
    assert CALENDAR.open_at(datetime(2025, 3, 31, 7, 0, tzinfo=UTC))
    assert not CALENDAR.open_at(datetime(2025, 3, 28, 7, 0, tzinfo=UTC))  # Friday, still GMT


def test_at_most_n_reminders():
    late = START + timedelta(days=365)
    while not CALENDAR.open_at(late):
        late += timedelta(hours=1)
    assert due_step(SCHEDULE, CALENDAR, START, 3, late) == 4
    assert due_step(SCHEDULE, CALENDAR, START, 4, late) is None
    assert next_due_at(SCHEDULE, CALENDAR, START, 4, late) is None


def test_weekly_steps_follow_the_listed_ones():
    assert [SCHEDULE.offset(n).days for n in range(1, 5)] == [3, 7, 14, 21]
    once = ReminderSchedule(after_days=(5,), then_every_days=0, max_reminders=9)
    assert once.steps == 1
    assert NO_REMINDERS.steps == 0
    assert due_step(NO_REMINDERS, CALENDAR, START, 0, START + timedelta(days=30)) is None


def test_plan_names_the_step_now_and_when_the_next_one_falls():
    now = london(2025, 10, 8, 10)
    result = plan(SCHEDULE, CALENDAR, START, 1, now)
    assert result.due_step == 2
    assert result.next_at == london(2025, 10, 15, 10)


def test_schedules_must_make_sense():
    with pytest.raises(ValueError, match="increasing"):
        ReminderSchedule(after_days=(7, 3))
    with pytest.raises(ValueError, match="positive"):
        ReminderSchedule(after_days=(0,))
    with pytest.raises(ValueError, match="negative"):
        ReminderSchedule(max_reminders=-1)


def test_another_timezone_uses_its_own_school_day():
    auckland = SchoolCalendar("Pacific/Auckland")
    # 21:00 UTC on a Monday is 10:00 Tuesday in Auckland (NZDT).
    assert auckland.open_at(datetime(2025, 10, 27, 21, tzinfo=UTC))
    assert not CALENDAR.open_at(datetime(2025, 10, 27, 21, tzinfo=UTC))
