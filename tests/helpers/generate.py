"""A large playbook for tests, the same every time: the example's roles, questions, templates and
checklists, and N generated contacts that fill every field a contact file has.

Each contact depends only on its index (its own seeded `random.Random`). Every tenth contact is
`public: true`. Values are ordinary-looking but specific (a full name, a sentence, an address), so
that finding one in a site means it came from that contact.
"""

from __future__ import annotations

import random
import shutil
from datetime import timedelta
from pathlib import Path

import yaml

from helpers.project import TODAY

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DATA = ROOT / "data"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Ada Bruno Carla Devika Elif Farid Greta Hiro Ines Jonah Kemi Lars Mirela Nikhil Olga "
    "Pablo Quentin Rosalind Samir Tamsin Umar Vesna Wendell Ximena Yusuf Zofia"
)
LAST = _words(
    "Abernathy Bergstrom Castellano Delacroix Eriksen Fairweather Gallagher Hollings Ishikawa "
    "Jankowski Kavanagh Lindqvist Marchetti Nakashima Oyelaran Pemberton Quiroga Rasmussen "
    "Szabo Thorncastle Underhill Valdivia Whitacre Yilmaz Zielinski"
)
COMPANIES = (
    "Harrowgate Mills",
    "Quillfeather Press",
    "Saltmarsh Outfitters",
    "Emberline Kitchens",
    "Bramblecote Media",
    "Wexford Orchards",
    "Larkspur Analytics",
    "Tidewell Beverages",  # also a company the brand-marketing role lists: public by that choice
)
TITLES = ("Brand Strategist", "Head of Growth", "Copy Chief", "Community Lead", "Media Buyer")
SCHOOLS = ("Lakeside University", "Grantham Polytechnic", "Ostrava Institute of Design")
TOPICS = ("loyalty programmes", "packaging redesigns", "podcast sponsorships", "regional launches")
# Contacts with `public: true` work elsewhere, so the others' titles and companies stay private.
PUBLIC_TITLES = ("Volunteer Mentor", "Careers Adviser")
PUBLIC_COMPANIES = ("Open Door Careers", "Northgate Library")
STATUSES = ("identified", "contacted", "scheduled", "interviewed", "thanked", "following-up")


def contact(index: int) -> tuple[str, dict]:
    """The file name and contents of contact number `index`."""
    rng = random.Random(f"contact-{index}")
    first = FIRST[index % len(FIRST)]
    last = LAST[(index // len(FIRST)) % len(LAST)]
    name = f"{first} {last}"
    cid = f"{first}-{last}".lower() + (f"-{index}" if index >= len(FIRST) * len(LAST) else "")
    shown = index % 10 == 3
    company = rng.choice(PUBLIC_COMPANIES if shown else COMPANIES)
    topic = rng.choice(TOPICS)
    status = STATUSES[index % len(STATUSES)]
    met = TODAY - timedelta(days=10 + index % 40)
    data: dict = {
        "name": name,
        "title": rng.choice(PUBLIC_TITLES if shown else TITLES),
        "company": company,
        "roles": [rng.choice(["brand-marketing", "content-marketing"])],
        "source": rng.choice(["linkedin", "alumni", "event", "referral"]),
        "school": rng.choice(SCHOOLS),
        "links": {
            "linkedin": f"https://www.linkedin.com/in/{cid}-{index:04d}",
            "email": f"{cid}.{index}@mail-{index % 7}.example.org",
            "phone": f"+44 20 7946 {index:04d}",
            "website": f"https://{last.lower()}-{index}.example.net/portfolio",
        },
        "status": status,
        "research": (
            f"Spent {3 + index % 9} years at **{company}** working on {topic}.\n"
            f"Wrote about [her launch diary](https://blog.example.net/{cid}/diary-{index}) "
            f"and the Ridgeway account number {index}.\n"
        ),
        "questions": {
            "pick": ["typical-day"],
            "skip": ["salary-range"],
            "extra": [
                f"How did the {topic} work at {company} start, {first}?",
                {"text": f"What would you change about case {index} now?", "category": "advice"},
            ],
        },
        "log": [
            {"date": met, "kind": "outreach", "note": f"Wrote after the {topic} meetup {index}"},
            {"date": met + timedelta(days=1), "kind": "reply", "note": f"Answered from {company}"},
        ],
        "notes": (
            f"- Said the {topic} budget moved twice in {2020 + index % 6}.\n"
            f"- Suggested reading the Harwick memo number {index}.\n"
        ),
        "learned": [
            {"skill": f"Shelf audit method {index}", "note": f"Asked about it in {topic} {index}"},
            {"certification": f"Certified {topic} planner, cohort {index}"},
            {"tool": f"Gridwise planner build {index}", "role": "content-marketing"},
            {"company": f"Marlowe Provisions branch {index}"},
            {"opening": f"Junior {topic} coordinator at {company}, requisition {index}"},
            {"advice": f"Bring the {topic} case study number {index} to every interview"},
            {"resource": f"The {topic} almanac, edition {index}"},
        ],
        "thank_you_detail": f"the story of the {topic} pilot number {index}",
        "referrals": [f"{FIRST[(index + 5) % len(FIRST)]} Okonkwo-{index}, {company}"],
        "keep_in_touch_days": 30 + index % 60,
        "tags": [f"cohort-{index % 12}", "met-in-person" if index % 2 else "met-online"],
        "public": shown,
    }
    if index > 0 and index % 4 == 0:
        data["introduced_by"] = contact(index - 1)[0]
    if status in ("scheduled", "interviewed", "thanked", "following-up"):
        day = TODAY + timedelta(days=(index % 20) - 8)
        data["interview"] = {
            "when": f"{day.isoformat()}T{9 + index % 8:02d}:30:00",
            "minutes": 20 + 10 * (index % 2),
            "medium": "coffee",
            "where": f"Copper Kettle café, table {index}, {company}",
        }
    return cid, data


def generate(target: Path, contacts: int) -> Path:
    """Write a data folder with the example's non-contact files and `contacts` contacts."""
    shutil.copytree(EXAMPLE_DATA, target, ignore=shutil.ignore_patterns("contacts"))
    (target / "contacts").mkdir()
    for index in range(contacts):
        cid, data = contact(index)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (target / "contacts" / f"{cid}.yml").write_text(text, encoding="utf-8")
    return target
