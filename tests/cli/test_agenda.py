"""`playbook today` and `playbook upcoming`: the dashboard's lists in the terminal, and as JSON."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

from helpers.imports import fresh_playbook, run
from helpers.project import EXAMPLE_DATA, TODAY, make_project
from helpers.terminal import playbook_on_terminal, playbook_piped
from playbook.cli.commands import main

ENV = {"PLAYBOOK_TODAY": TODAY.isoformat()}
ANSI = "\x1b["


def test_today_lists_overdue_first_each_with_the_command_that_records_it() -> None:
    result = run("today", "--data", EXAMPLE_DATA, env=ENV)
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("Today, Wed 25 Nov 2026: 7 to do, 6 overdue.\n\nOverdue\n")
    assert text.index("Overdue") < text.index("\nDue\n")
    assert (
        "  Keep in touch · Mark Cho · due Mon 9 Nov 2026, 16 days late\n"
        "    nothing logged since Thu 10 Sep; a short update every 60 days keeps them close\n"
        "    playbook log mark-cho follow-up\n"
    ) in text
    assert (
        "  Thank-you · Rachel Kim · due today\n"
        "    your conversation on Tue 24 Nov, 13:00; send the thank-you by Wed 25 Nov, 13:30 "
        "(within 24 hours)\n"
        "    playbook log rachel-kim thank-you\n"
    ) in text
    assert "    playbook status ben-okafor closed\n" in text
    assert '    playbook add contact "Hannah Wu" --company "Tidewell Beverages"' in text
    assert ANSI not in text  # not a terminal: plain text


def test_a_second_person_is_named_and_logging_outreach_to_them_takes_it_off(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    # As if Jamie Park, at Priya's company, had not been written to since Priya.
    edit = data / "contacts" / "jamie-park.yml"
    lines = edit.read_text(encoding="utf-8").splitlines(keepends=True)
    edit.write_text("".join(x for x in lines if "kind: outreach" not in x), encoding="utf-8")
    listed = run("today", "--data", data, env=ENV).output
    assert "  Second person · Priya Shah → Jamie Park · " in listed
    assert "    playbook log jamie-park outreach\n" in listed
    assert run("log", "jamie-park", "outreach", "--data", data, env=ENV).exit_code == 0
    assert "Second person" not in run("today", "--data", data, env=ENV).output


def test_today_as_json_for_scripts() -> None:
    result = run("today", "--json", "--data", EXAMPLE_DATA, env=ENV)
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["today"] == TODAY.isoformat()
    actions = found["actions"]
    assert len(actions) == 7
    assert [a["overdue"] for a in actions] == [True] * 6 + [False]
    assert actions[0] == {
        "contact": "mark-cho",
        "name": "Mark Cho",
        "kind": "keep-in-touch",
        "label": "Keep in touch",
        "due": "2026-11-09",
        "overdue": True,
        "why": "nothing logged since Thu 10 Sep; a short update every 60 days keeps them close",
        "to": None,
        "command": "playbook log mark-cho follow-up",
    }
    # Jamie Park was the second person at Priya's company, written to since: nothing for Priya.
    assert not any(a["contact"] == "priya-shah" for a in actions)


def test_running_each_command_takes_its_action_off_the_list(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    listed = json.loads(run("today", "--json", "--data", data, env=ENV).output)["actions"]
    for action in listed:
        words = shlex.split(action["command"])
        assert words[0] == "playbook"
        done = run(*words[1:], "--data", data, env=ENV)
        assert done.exit_code == 0, (action["command"], done.output)
    left = json.loads(run("today", "--json", "--data", data, env=ENV).output)["actions"]
    # Writing to Jamie was the second person at Priya's company: that step is done too.
    assert left == []


def test_nothing_due_says_so(tmp_path: Path) -> None:
    result = run("today", "--data", fresh_playbook(tmp_path), env=ENV)
    assert result.output == "Today, Wed 25 Nov 2026: nothing is due.\n"


def test_colour_only_on_a_terminal(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    shown = playbook_on_terminal(project, "today", "--data", EXAMPLE_DATA)
    assert f"{ANSI}" in shown and "Overdue" in shown
    piped = playbook_piped(project, "today", "--data", EXAMPLE_DATA)
    assert piped.returncode == 0
    assert ANSI not in piped.stdout
    assert piped.stdout.startswith("Today, Wed 25 Nov 2026: 7 to do, 6 overdue.")
    coloured = CliRunner().invoke(main, ["today", "--data", str(EXAMPLE_DATA)], env=ENV, color=True)
    assert f"{ANSI}31m" in coloured.output or f"{ANSI}1m{ANSI}31m" in coloured.output


def test_upcoming_lists_the_conversations_with_their_prep_sheets(tmp_path: Path) -> None:
    # Run where mkdocs.yml is, as a user does; it names no site_url, so the links point at
    # `make serve`.
    project = make_project(tmp_path)
    result = playbook_piped(project, "upcoming", "--data", EXAMPLE_DATA)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Conversations from Wed 25 Nov 2026 to Tue 8 Dec 2026: 3.\n"
        "\n"
        "  Tue 1 Dec 2026, 12:00  Nina Patel · SEO and Content Lead, Copperleaf Studio · "
        "20 min video, Zoom from Portland; link from Nina\n"
        "    prep sheet: http://127.0.0.1:8000/contacts/nina-patel/\n"
        "\n"
        "  Wed 2 Dec 2026, 15:30  Dana Ruiz · Marketing Director, Brightside Agency · "
        "20 min video, Zoom, link in the invite\n"
        "    prep sheet: http://127.0.0.1:8000/contacts/dana-ruiz/\n"
        "\n"
        "  Tue 8 Dec 2026, 09:30  Jamie Park · Senior Brand Manager, Northwind Foods · "
        "20 min phone, Jamie will call my mobile\n"
        "    prep sheet: http://127.0.0.1:8000/contacts/jamie-park/\n"
    )
    week = playbook_piped(project, "upcoming", "--days", "7", "--data", EXAMPLE_DATA)
    assert "Conversations from Wed 25 Nov 2026 to Tue 1 Dec 2026: 1." in week.stdout
    none = playbook_piped(
        project, "upcoming", "--data", EXAMPLE_DATA, env={"PLAYBOOK_TODAY": "2030-01-01"}
    )
    assert "No conversations from Tue 1 Jan 2030 in the next 14 days" in none.stdout


def test_upcoming_as_json_with_the_sites_address() -> None:
    result = run(
        "upcoming",
        "--json",
        "--site-url",
        "https://me.example/playbook/",
        "--data",
        EXAMPLE_DATA,
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert (found["today"], found["days"]) == (TODAY.isoformat(), 14)
    assert [c["contact"] for c in found["conversations"]] == [
        "nina-patel",
        "dana-ruiz",
        "jamie-park",
    ]
    assert found["conversations"][1] == {
        "contact": "dana-ruiz",
        "name": "Dana Ruiz",
        "title": "Marketing Director",
        "company": "Brightside Agency",
        "starts": "2026-12-02T15:30:00-06:00",
        "ends": "2026-12-02T15:50:00-06:00",
        "minutes": 20,
        "medium": "video",
        "where": "Zoom, link in the invite",
        "prep_sheet": "https://me.example/playbook/contacts/dana-ruiz/",
        "file": f"{EXAMPLE_DATA}/contacts/dana-ruiz.yml".removeprefix(f"{Path.cwd()}/"),
    }


def example_speaking(tmp_path: Path, language: str) -> Path:
    """The example data, its profile saying `language: LANGUAGE`."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    with (data / "profile.yml").open("a", encoding="utf-8") as profile:
        profile.write(f"language: {language}\n")
    return data


def test_today_and_upcoming_speak_the_profiles_language(tmp_path: Path) -> None:
    data = example_speaking(tmp_path, "de")
    today = run("today", "--data", data, env=ENV)
    assert today.exit_code == 0, today.output
    assert today.output.startswith("Heute, Mi., 25. Nov. 2026: 7 zu erledigen, 6 überfällig.\n")
    assert "  In Kontakt bleiben · Mark Cho · fällig Mo., 9. Nov. 2026, 16 Tage überfällig\n" in (
        today.output
    )
    assert "\nÜberfällig\n" in today.output
    upcoming = run("upcoming", "--data", data, env=ENV)
    assert upcoming.exit_code == 0, upcoming.output
    assert upcoming.output.startswith(
        "Gespräche Mi., 25. Nov. 2026 bis Di., 8. Dez. 2026: 3.\n\n"
        "  Di., 1. Dez. 2026, 12:00  Nina Patel · SEO and Content Lead, Copperleaf Studio · "
        "20 Min. Video, Zoom from Portland; link from Nina\n"
    )


def test_a_language_without_a_catalogue_is_english_with_a_note(tmp_path: Path) -> None:
    data = example_speaking(tmp_path, "it")
    result = playbook_piped(tmp_path, "today", "--data", data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Today, Wed 25 Nov 2026: 7 to do, 6 overdue.")
    assert result.stderr.count("has no catalogue") == 1


def test_the_problems_that_stop_the_playbook_are_reported_in_its_language(
    tmp_path: Path,
) -> None:
    data = example_speaking(tmp_path, "fr")
    (data / "contacts" / "dana-ruiz.yml").write_text("name: [\n", encoding="utf-8")
    result = playbook_piped(tmp_path, "today", "--data", data)
    assert result.returncode == 1
    assert result.stderr.startswith("1 problème dans les données du playbook :\n")


def test_a_language_that_is_no_language_code_is_a_problem_in_the_profile(tmp_path: Path) -> None:
    data = example_speaking(tmp_path, "German")
    result = run("validate", "--data", data, env=ENV)
    assert result.exit_code == 1
    assert '"German" is not a language code; write one like de, fr, pt-BR or zh' in result.output
