"""The rotation: who is next, in what order, and why."""

from datetime import date, timedelta

from techtime.domain.rotation import Candidate, next_up

TODAY = date(2026, 11, 26)


def person(id: int, handle: str, team: str = "", **fields) -> Candidate:
    return Candidate(id=id, handle=handle, name=handle.title(), team=team, **fields)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def handles(ranks) -> list[str]:
    return [rank.candidate.handle for rank in ranks]


def test_longest_since_last_session_comes_first_with_the_days_as_reason():
    people = [person(1, "ana", "A"), person(2, "ben", "B"), person(3, "cy", "C")]
    ranks = next_up(people, {1: days_ago(10), 2: days_ago(94), 3: days_ago(1)}, TODAY)
    assert handles(ranks) == ["ben", "ana", "cy"]
    assert [rank.reason for rank in ranks] == [
        "last paired 94 days ago",
        "last paired 10 days ago",
        "last paired 1 day ago",
    ]
    assert ranks[0].last_paired == days_ago(94)


def test_never_paired_come_first_ordered_by_start_date():
    people = [
        person(1, "veteran", "A", start_date=days_ago(2000)),
        person(2, "newest", "A", start_date=days_ago(10)),
        person(3, "joined-spring", "A", start_date=days_ago(200)),
        person(4, "unknown-start", "A"),
        person(5, "paired-long-ago", "A", start_date=days_ago(3000)),
    ]
    ranks = next_up(people, {1: days_ago(400), 5: days_ago(900)}, TODAY)
    # Never paired first: the one waiting longest since joining leads; an unknown start counts as longest.
    assert handles(ranks) == ["unknown-start", "joined-spring", "newest", "paired-long-ago", "veteran"]
    reasons = {rank.candidate.handle: rank.reason for rank in ranks}
    assert reasons["unknown-start"] == "never paired"
    assert reasons["joined-spring"] == "never paired"
    assert reasons["newest"] == "never paired, new hire, joined 10 days ago"
    assert reasons["paired-long-ago"] == "last paired 900 days ago"


def test_people_on_leave_are_left_out_until_the_day_after_their_leave():
    people = [person(1, "away", "A", leave_until=TODAY), person(2, "back", "A", leave_until=days_ago(1))]
    assert handles(next_up(people, {}, TODAY)) == ["back"]
    assert handles(next_up(people, {}, TODAY + timedelta(days=1))) == ["away", "back"]


def test_deactivated_people_and_people_not_yet_started_are_left_out():
    people = [
        person(1, "left", "A", active=False),
        person(2, "starts-monday", "A", start_date=TODAY + timedelta(days=4)),
        person(3, "here", "A"),
    ]
    assert handles(next_up(people, {}, TODAY)) == ["here"]
    # From their first day they are in (after "here", whose unknown start counts as waiting longest).
    assert handles(next_up(people, {}, TODAY + timedelta(days=4))) == ["here", "starts-monday"]


def test_a_tie_goes_to_the_team_visited_least_recently_and_says_so():
    people = [
        person(1, "pay-1", "Payments"),
        person(2, "data-1", "Data"),
        person(3, "pay-2", "Payments"),
        person(4, "data-2", "Data"),
    ]
    # pay-1 and data-1 were last paired on the same day; Payments was visited since (pay-2), Data longer ago.
    last = {1: days_ago(94), 2: days_ago(94), 3: days_ago(5), 4: days_ago(60)}
    ranks = next_up(people, last, TODAY)
    assert handles(ranks) == ["data-1", "pay-1", "data-2", "pay-2"]
    assert ranks[0].reason == "last paired 94 days ago; Data visited 60 days ago"
    assert ranks[1].reason == "last paired 94 days ago; Payments visited 5 days ago"
    assert ranks[0].team_last_visit == days_ago(60)
    # No tie, no team note.
    assert ranks[2].reason == "last paired 60 days ago"


def test_a_team_never_visited_wins_a_tie_between_never_paired_new_hires():
    start = days_ago(20)
    people = [
        person(1, "aaa-payments", "Payments", start_date=start),
        person(2, "zzz-data", "Data", start_date=start),
        person(3, "old-payments", "Payments"),
    ]
    ranks = next_up(people, {3: days_ago(30)}, TODAY)
    # Alphabetically aaa-payments would lead; Data has never been visited, Payments 30 days ago.
    assert handles(ranks) == ["zzz-data", "aaa-payments", "old-payments"]
    assert ranks[0].reason == "never paired, new hire, joined 20 days ago; Data never visited"


def test_team_visits_count_people_on_leave_and_deactivated():
    people = [
        person(1, "pay", "Payments"),
        person(2, "data", "Data"),
        person(3, "pay-gone", "Payments", active=False),
        person(4, "data-away", "data", leave_until=TODAY + timedelta(days=30)),
    ]
    # Payments was visited 3 days ago (someone who has since left), Data 40 days ago (someone now on leave;
    # team names compare without case).
    last = {1: days_ago(100), 2: days_ago(100), 3: days_ago(3), 4: days_ago(40)}
    ranks = next_up(people, last, TODAY)
    assert handles(ranks) == ["data", "pay"]
    assert ranks[0].team_last_visit == days_ago(40)
    assert ranks[1].team_last_visit == days_ago(3)


def test_still_tied_after_the_team_the_handle_decides_and_people_without_a_team_stand_alone():
    people = [person(1, "Zed"), person(2, "amy"), person(3, "bob", "Ops"), person(4, "cal", "Ops")]
    last = {1: days_ago(50), 2: days_ago(50), 3: days_ago(50), 4: days_ago(50)}
    ranks = next_up(people, last, TODAY)
    # Every team (Ops; Zed alone; amy alone) was last visited 50 days ago: the handle decides, ignoring case.
    assert handles(ranks) == ["amy", "bob", "cal", "Zed"]
    assert ranks[0].reason == "last paired 50 days ago; their team visited 50 days ago"


def test_the_order_does_not_depend_on_the_input_order():
    people = [person(i, f"p{i}", "AB"[i % 2], start_date=days_ago(100 + i % 3)) for i in range(1, 9)]
    last = {i: days_ago(10 * (i % 4)) for i in range(1, 9) if i % 4}
    forward = handles(next_up(people, last, TODAY))
    backward = handles(next_up(list(reversed(people)), last, TODAY))
    assert forward == backward
    assert len(forward) == 8


def test_paired_today_and_an_empty_roster():
    assert next_up([person(1, "ana")], {1: TODAY}, TODAY)[0].reason == "last paired today"
    assert next_up([], {}, TODAY) == []
