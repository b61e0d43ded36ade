"""Message checks: LinkedIn note length, the first outreach email's rules, a specific thank-you;
and a template that breaks a rule for every contact fails `mkdocs build --strict`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, TODAY, Built
from helpers.schedules import CONNECTED, EMPLOYERS, log, playbook, write_data
from playbook.core import words
from playbook.logic import checks
from playbook.logic.checks import Check, first_sentence
from playbook.logic.playbook import Playbook


def template(kind: str, body: str, subject: str = "") -> str:
    return f"---\ntitle: Test {kind}\nkind: {kind}\nsubject: {subject!r}\n---\n{body}\n"


def results(pb: Playbook, tid: str) -> dict[str, dict[str, Check]]:
    """contact id → rule → check, for template `tid` across the contacts it applies to."""
    return {
        r.contact.id: {c.rule: c for c in r.checks} for r in checks.review(pb, pb.templates[tid])
    }


ONE_CONTACT = {"ana-silva": {"company": "Acme"}}


# --- LinkedIn note ---


@pytest.mark.parametrize(
    ("length", "premium", "passed"),
    [(200, False, True), (201, False, False), (300, True, True), (301, True, False)],
)
def test_linkedin_note_length_limit(
    tmp_path: Path, length: int, premium: bool, passed: bool
) -> None:
    pb = playbook(
        tmp_path,
        ONE_CONTACT,
        TODAY,
        profile={"linkedin_premium": premium},
        templates={"linkedin-note": template("linkedin-note", "a" * length)},
    )
    [check] = results(pb, "linkedin-note")["ana-silva"].values()
    limit = 300 if premium else 200
    assert check.rule == f"At most {limit} characters"
    assert check.passed is passed
    assert check.reason.startswith(f"{length} of {limit} characters")


# --- First outreach email ---

EMAIL_OK = "Hi {{ contact.first_name }},\n\nI came across your work.\n\nBest,\n{{ profile.name }}"


def test_email_without_subject_too_long_and_asking_for_a_job_is_flagged(tmp_path: Path) -> None:
    body = "Hi {{ contact.first_name }},\n\n" + "word " * 95 + "Any Openings? My CV and résumé."
    pb = playbook(
        tmp_path, ONE_CONTACT, TODAY, templates={"outreach-email": template("email", body)}
    )
    got = results(pb, "outreach-email")["ana-silva"]
    assert not got["A subject line"].passed
    assert not got["At most 100 words"].passed
    assert got["At most 100 words"].reason.startswith("103 words")
    words = got["No job-asking words"]
    assert not words.passed
    assert words.reason == "uses “cv”, “openings”, “résumé”"
    assert "Connection in the first sentence" not in got  # no connection: the rule does not apply


def test_email_passes_with_subject_short_body_and_no_job_words(tmp_path: Path) -> None:
    body = "Hi {{ contact.first_name }},\n\nLoved your jobsite post, its positional charts."
    pb = playbook(
        tmp_path,
        ONE_CONTACT,
        TODAY,
        templates={"outreach-email": template("email", body, subject="A question")},
    )
    got = results(pb, "outreach-email")["ana-silva"]
    assert all(c.passed for c in got.values()), got  # whole words only


@pytest.mark.parametrize(
    ("first_line", "flagged"),
    [
        # Each contact's connection named in the first sentence: all pass.
        (
            "{% if introducer %}{{ introducer.name }} suggested I write.{% elif alumni %}"
            "As a fellow {{ profile.school }} graduate, I found you.{% else %}We both worked at "
            "{{ contact.company }}.{% endif %} I'm exploring marketing.",
            set(),
        ),
        # The introducer by first name counts; the others are named only in the second sentence.
        (
            "{% if introducer %}{{ introducer.first_name }} suggested I write.{% else %}"
            "I'm exploring marketing. We share {{ profile.school }} or {{ contact.company }}."
            "{% endif %}",
            {"eli-fox", "gus-hale"},
        ),
    ],
)
def test_connection_must_be_named_in_the_first_sentence(
    tmp_path: Path, first_line: str, flagged: set[str]
) -> None:
    body = f"Dear {{{{ contact.first_name }}}},\n\n{first_line}\n\nBest,\n{{{{ profile.name }}}}"
    pb = playbook(
        tmp_path,
        CONNECTED,
        TODAY,
        profile=EMPLOYERS,
        templates={"outreach-email": template("email", body, subject="Hello")},
    )
    got = results(pb, "outreach-email")
    rule = "Connection in the first sentence"
    assert set(got) == set(CONNECTED)
    assert rule not in got["mark-cho"]  # no connection to name
    assert {cid for cid, r in got.items() if rule in r and not r[rule].passed} == flagged
    if not flagged:
        assert got["dana-ruiz"][rule].reason == "names the introducer"
        assert got["eli-fox"][rule].reason == "names the shared school"
        assert got["gus-hale"][rule].reason == "names the shared employer"
    else:
        assert "shared school (Lakeside University)" in got["eli-fox"][rule].reason


def test_first_sentence_skips_the_greeting_line() -> None:
    assert first_sentence("Hi Ana,\n\nMark Cho suggested I write. Then more.") == (
        "Mark Cho suggested I write."
    )
    assert first_sentence("Mark said hi! More.") == "Mark said hi!"


# --- Thank-you ---

THANKS = template(
    "thank-you",
    "Hi {{ contact.first_name }},\n\nThank you. {% if contact.thank_you_detail %}I loved "
    "{{ contact.thank_you_detail }}.{% elif contact.notes %}Noted: "
    "{{ contact.notes.strip().splitlines()[0].lstrip('-* ') }}{% endif %}\n\n{{ profile.name }}",
    subject="Thanks",
)
TALKED = log(("2026-11-20", "interview"))


def test_thank_you_must_name_something_specific(tmp_path: Path) -> None:
    contacts = {
        "ana-silva": {"log": TALKED, "thank_you_detail": "the tip on portfolios"},
        "bo-chen": {"log": TALKED, "notes": "- Learn SQL first.\n- Read trade press."},
        "cy-diaz": {"log": TALKED},
        "di-ezra": {},  # no conversation yet: a thank-you does not apply
    }
    pb = playbook(tmp_path, contacts, TODAY, templates={"thank-you": THANKS})
    got = {cid: r["Names something specific"] for cid, r in results(pb, "thank-you").items()}
    assert set(got) == {"ana-silva", "bo-chen", "cy-diaz"}
    assert (got["ana-silva"].passed, got["ana-silva"].reason) == (True, "uses thank_you_detail")
    assert (got["bo-chen"].passed, got["bo-chen"].reason) == (True, "uses a point from the notes")
    assert not got["cy-diaz"].passed
    assert "no thank_you_detail or notes" in got["cy-diaz"].reason


def test_thank_you_that_ignores_the_detail_is_flagged(tmp_path: Path) -> None:
    generic = template("thank-you", "Thanks for your time!\n{{ profile.name }}", subject="Thanks")
    contacts = {"ana-silva": {"log": TALKED, "thank_you_detail": "the tip on portfolios"}}
    pb = playbook(tmp_path, contacts, TODAY, templates={"thank-you": generic})
    check = results(pb, "thank-you")["ana-silva"]["Names something specific"]
    assert not check.passed
    assert check.reason == "does not use thank_you_detail “the tip on portfolios”"


def test_example_templates_pass_for_every_contact() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    assert checks.template_warnings(pb) == []


# --- On the pages and in the build ---


def test_prep_sheet_and_template_page_show_length_and_each_check(example_site: Built) -> None:
    sheet = example_site.page("contacts/tom-becker/")
    note = sheet.split('id="linkedin-connection-note"', 1)[1].split("<h3", 1)[0]
    assert "characters" in note and "words" in note
    assert "pb-pass" in note and "At most 200 characters" in note
    page = example_site.page("templates/outreach-email/")
    row = page.split('href="../../contacts/tom-becker/"', 1)[1].split("</tr>", 1)[0]
    assert "<th>No job-asking words</th>" in page
    assert re.findall(r"<td>(.*?)</td>", row) == [
        "261 characters · 50 words",
        "✓ present",
        "✓ 50 words",
        "✓ none",
        "–",  # Tom has no connection to name
    ]
    assert 'href="../../contacts/tom-becker/"' in page


JOB_EMAIL = template(
    "email", "Hi {{ contact.first_name }},\n\nAre you hiring?\n\n{{ profile.name }}", "Hi"
)
# Breaks the word limit only for Tom Becker (the example's one contact with source: other).
LONG_FOR_ONE = template(
    "linkedin-note",
    "Hi {{ contact.first_name }}.{% if contact.source == 'other' %}" + " pad" * 60 + "{% endif %}",
)


def test_strict_build_fails_on_a_template_broken_for_every_contact(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    data = write_data(tmp_path, None, templates={"outreach-email": JOB_EMAIL})
    built = build(data, "--strict", check=False)
    assert built.returncode != 0
    assert "outreach-email.md: breaks “No job-asking words” for every contact" in built.output


def test_a_rule_broken_for_some_contacts_is_flagged_on_the_page_only(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    data = write_data(tmp_path, None, templates={"linkedin-note": LONG_FOR_ONE})
    built = build(data, "--strict")
    assert "breaks" not in built.output
    page = built.page("templates/linkedin-note/")
    assert page.count("pb-flag") == 1
    sheet = built.page("contacts/tom-becker/")
    assert "pb-flag" in sheet and "cut 47" in sheet


def test_a_template_that_cannot_be_filled_for_some_contacts_is_flagged_not_fatal(
    tmp_path: Path,
) -> None:
    # `role.title` with no role is an error for contacts without one, and only for them.
    body = "Hi {{ contact.first_name }}, I'm exploring {{ role.title }}."
    contacts = {"ana-silva": {"roles": ["brand-marketing"]}, "bo-chen": {"status": "contacted"}}
    pb = playbook(
        tmp_path, contacts, TODAY, templates={"linkedin-note": template("linkedin-note", body)}
    )
    got = {r.contact.id: r for r in checks.review(pb, pb.templates["linkedin-note"])}
    assert got["ana-silva"].filled and not got["ana-silva"].flagged
    assert not got["bo-chen"].filled
    [problem] = got["bo-chen"].flagged
    assert problem.rule == checks.FILLS_IN and "title" in problem.reason
    assert checks.template_warnings(pb) == []  # it works for someone: flagged on the page only


def test_a_template_that_fills_in_for_nobody_is_a_build_warning(tmp_path: Path) -> None:
    body = "Hi {{ contact.first_name }}, I'm exploring {{ role.title }}."
    contacts = {"bo-chen": {"status": "contacted"}, "cy-diaz": {"status": "contacted"}}
    pb = playbook(
        tmp_path, contacts, TODAY, templates={"linkedin-note": template("linkedin-note", body)}
    )
    [warning] = checks.template_warnings(pb)
    assert warning.startswith("data/templates/linkedin-note.md: breaks “Fills in without an error”")


def test_a_thank_you_for_someone_without_notes_yet_is_flagged_but_not_a_build_warning(
    tmp_path: Path,
) -> None:
    # The template is fine; the contact's notes are missing. That is for the prep sheet to say.
    pb = playbook(tmp_path, {"cy-diaz": {"log": TALKED}}, TODAY, templates={"thank-you": THANKS})
    [review] = checks.review(pb, pb.templates["thank-you"])
    assert [c.rule for c in review.flagged] == ["Names something specific"]
    assert checks.template_warnings(pb) == []


def test_a_message_at_the_contacts_stage_is_filled_once_per_build(tmp_path: Path) -> None:
    contacts = {"cy-diaz": {"log": TALKED, "status": "interviewed"}}
    pb = playbook(tmp_path, contacts, TODAY, templates={"thank-you": THANKS})
    calls: list[str] = []
    assert pb.filler is not None
    real = pb.filler.fill

    def counted(tid: str, context: dict) -> object:
        calls.append(tid)
        return real(tid, context)

    pb.filler.fill = counted  # type: ignore[method-assign]
    [review] = checks.review(pb, pb.templates["thank-you"])  # what the template page shows
    [message] = pb.messages(pb.contacts["cy-diaz"])  # what the prep sheet shows
    assert review.filled and message.body and calls == ["thank-you"]


def test_a_template_cannot_change_a_contact_for_the_pages_after_it(tmp_path: Path) -> None:
    """Jinja's immutable sandbox: models are reused from build to build."""
    grabby = "---\ntitle: T\nkind: thank-you\n---\n{{ contact.tags.append('stolen') }}Hi\n"
    contacts = {"cy-diaz": {"log": TALKED, "status": "interviewed", "tags": ["alumni"]}}
    pb = playbook(tmp_path, contacts, TODAY, templates={"thank-you": grabby})
    [message] = pb.messages(pb.contacts["cy-diaz"])
    assert message.problem is not None and 'no attribute "append"' in message.problem.message
    assert pb.contacts["cy-diaz"].tags == ["alumni"]


# --- Checks in the site's language ---


def test_job_asking_words_are_those_of_the_sites_language(tmp_path: Path) -> None:
    body = "Hallo {{ contact.first_name }},\n\nhaben Sie eine offene Stelle? Mein Lebenslauf."
    words.use("de")
    pb = playbook(
        tmp_path,
        ONE_CONTACT,
        TODAY,
        templates={"outreach-email": template("email", body, subject="Eine Frage")},
    )
    got = results(pb, "outreach-email")["ana-silva"]
    job = got["Keine Wörter, die nach einem Job fragen"]
    assert not job.passed and not job.skipped
    assert job.reason == "verwendet „lebenslauf“, „stelle“"
    assert got["Eine Betreffzeile"].passed


def test_a_language_without_job_words_skips_that_check_and_says_so(tmp_path: Path) -> None:
    body = "Ciao {{ contact.first_name }},\n\nc'è un posto di lavoro? Il mio CV."
    words.use("it")  # Material speaks Italian; the playbook has no Italian word list
    pb = playbook(
        tmp_path,
        ONE_CONTACT,
        TODAY,
        templates={"outreach-email": template("email", body, subject="Una domanda")},
    )
    got = results(pb, "outreach-email")["ana-silva"]
    job = got["No job-asking words"]
    assert job.skipped and job.passed and not job.tells_about_template
    assert job.reason == "skipped: no job-asking words are listed for the language “it”"
    assert "skipped, none are listed" in " ".join(checks.rules_for(pb, "email"))
    # Skipped is not "broken for every contact": no build warning.
    assert checks.template_warnings(pb) == []


@pytest.mark.parametrize(
    ("language", "body", "first"),
    [
        (
            "de",
            "Hallo Ana,\n\nMark hat mir geraten, Ihnen zu schreiben. Mehr.",
            "Mark hat mir geraten, Ihnen zu schreiben.",
        ),
        ("zh", "您好，\n\n马克建议我联系您。我想请教。", "马克建议我联系您。"),
        ("ar", "مرحبا آنا،\n\nاقترح مارك أن أكتب إليك. المزيد.", "اقترح مارك أن أكتب إليك."),
    ],
)
def test_the_first_sentence_follows_the_languages_greetings_and_full_stops(
    language: str, body: str, first: str
) -> None:
    words.use(language)
    assert first_sentence(body) == first
