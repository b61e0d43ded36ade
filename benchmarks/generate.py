"""Synthetic playbooks of any size, the same every time: the one generator, for the benchmark and
the tests.

`generate(dest, n)` writes a whole project folder: `mkdocs.yml` (the repository's, pointing at the
generated data), `content/` (the repository's hand-written pages, so the nav resolves) and `data/`
with N contacts, one role per 50 contacts (at least 2), one question bank per role, and the example
profile, banks, templates and checklists.

Contact i depends only on the seed and i (its own `random.Random`), never on N: the first contacts
of a 5,000-contact playbook are those of a 100-contact one, so one prep sheet can be compared across
sizes. Introductions point at one of the 30 contacts before, so nobody is introduced by thousands
and the chain never loops. Everything is written for PLAYBOOK_TODAY = TODAY.

Between them the contacts fill every field a contact file has, and what is private is specific
(it carries the contact's number or handle), so that the leak scan (tests/helpers/leaks.py) can
tell where a value came from and that nothing private is also written somewhere public by chance.
Public contacts (one in five) work as mentors at careers services, so their names, titles and
companies, which a public build shows, are nobody else's.

    python benchmarks/generate.py 1000 /tmp/playbook-1000
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = ROOT / "data"
TODAY = date(2026, 11, 25)
SEED = 8
CONTACTS_PER_ROLE = 50
INTRODUCER_WINDOW = 30


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


FIRST = _words(
    "Ada Ben Carla Dev Elena Farid Grace Hugo Ines Jonah Kemi Liam Maya Nikhil Olga Pablo Quinn "
    "Rosa Sami Tara Umar Vera Wei Xavier Yara Zane Amara Bruno Chloe Diego Esme Felix Gita Hana "
    "Ivan Jade Kofi Lena Mateo Noor Owen Priya Rafael Sofia Theo Uma Viktor Wren Yusuf Zoe"
)
LAST = _words(
    "Okafor Ruiz Liu Park Mendez Cho Patel Grant Shah Kim Alvarez Becker Santos Fischer Brooks "
    "Mensah Hall Novak Silva Tanaka Haddad Moreau Rossi Nakamura Osei Larsen Duarte Kowalski Byrne "
    "Ahmed Costa Jensen Petrov Reyes Sato Weber Nguyen Oduya Varga Lindqvist Abara Morgan Quint "
    "Bianchi Dubois Iyer Castro Horvat Eze Ford"
)
COMPANIES = _words(
    "Northwind Foods, Brightside Agency, Tidewell Beverages, Lumen Goods, Copperleaf Studio, "
    "Harbor & Pine, Bluefin Analytics, Granite Health, Meridian Bank, Juniper Learning, "
    "Atlas Freight, Kestrel Energy, Orchard Software, Summit Outdoor, Riverbend Media, "
    "Pioneer Robotics, Saffron Kitchens, Cobalt Security, Evergreen Housing, Nimbus Cloud",
    sep=", ",
)
FUNCTIONS = (
    ("Brand Marketing", "Marketing", "marketing"),
    ("Content Marketing", "Marketing", "marketing"),
    ("Product Management", "Technology", "product"),
    ("Project Management", "Engineering", "delivery"),
    ("Data Analysis", "Technology", "data"),
    ("UX Research", "Technology", "design"),
    ("Sales Operations", "Sales", "sales"),
    ("Customer Success", "Sales", "sales"),
    ("Supply Chain Planning", "Operations", "operations"),
    ("Financial Planning", "Finance", "finance"),
    ("People Operations", "Human Resources", "people"),
    ("Public Relations", "Communications", "communications"),
)
LEVELS = ("Associate", "Specialist", "Manager", "Senior Manager", "Lead", "Director")
# A person's title is theirs, never a role's title: "Senior Brand Marketing Strategist".
SENIORITY = ("Junior", "Senior", "Principal", "Staff")
JOB_NOUNS = ("Strategist", "Partner", "Consultant", "Planner", "Advisor")
SKILLS = _words(
    "Stakeholder management, Written communication, Data storytelling, Budget planning, "
    "Presenting to executives, SQL, Spreadsheet modelling, Agile delivery, Vendor management, "
    "User interviews, Negotiation, Forecasting, Writing briefs, Running workshops",
    sep=", ",
)
TAGS = ("agency", "in-house", "startup", "enterprise", "remote", "cpg", "nonprofit", "met-online")
PUBLIC_TITLES = ("Volunteer Mentor", "Careers Adviser")
PUBLIC_COMPANIES = ("Open Door Careers", "Northgate Library")
MEDIUMS = {  # and where each happens
    "video": "Video link in the invite",
    "phone": "{first} calls my mobile",
    "coffee": "Copper Kettle café near {company}, table {i}",
    "office": "{company} office, meeting room {i}",
}
STATUS_WEIGHTS = {
    "identified": 30,
    "contacted": 20,
    "scheduled": 10,
    "interviewed": 10,
    "thanked": 12,
    "following-up": 10,
    "closed": 8,
}
RESEARCH = (
    "Joined **{company}** in {year} after {years} years at {other}.",
    "Leads a team of {team} working on {topic}.",
    "Wrote a widely shared post about {topic} last spring.",
    "Spoke on a panel about {topic} at a regional industry meetup.",
    "Previously worked in {field} before moving into {function}.",
    "Mentors early-career people through the {school} alumni network.",
)
TOPICS = (
    "customer research",
    "pricing experiments",
    "onboarding journeys",
    "retail partnerships",
    "hiring a first team",
    "moving from agency to in-house",
    "measuring campaign impact",
    "planning with small budgets",
)
NOTES = (
    "Said the first two years are about range: see many projects before specialising.",
    "Recommended a short course on {topic}; it matters more than a certificate.",
    "Hiring managers look for a portfolio with results, not just polished visuals.",
    "Suggested talking to someone on the {other} side to compare the work.",
    "Most openings on the team were filled through referrals last year.",
    "Offered to look at my CV once I have one concrete project to show.",
)
EXTRAS = (
    "What surprised you most when you moved into {function}?",
    "How does your team at {company} decide what to work on next?",
    "What would you look for in someone joining your team from outside the field?",
    "Which part of {topic} do newcomers usually underestimate?",
)
TOOLS = ("Tableau", "Figma", "Jira", "HubSpot", "Looker", "Airtable", "Amplitude", "Miro")
# Said in conversations and listed by no role: the skills, certifications and companies a
# finding names when it is not one of its role's.
HEARD_SKILLS = ("Cohort analysis", "Copy testing", "Journey mapping", "Survey design")
HEARD_CERTIFICATIONS = ("PRINCE2 Foundation", "Certified Scrum Product Owner", "CIM Diploma")
HEARD_COMPANIES = ("Marlowe Provisions", "Fenwick Studios", "Calder Health", "Ostrander Freight")
ADVICE = (
    "Bring one concrete project with numbers to every conversation.",
    "Learn how {function} teams talk about results before you apply.",
    "Ask to sit in on a planning meeting; it shows how the work is decided.",
    "Keep a short write-up of each project: the problem, what you did, what changed.",
)
RESOURCES = (
    "A free online course on {topic}",
    "The {function} newsletter the team at {company} reads",
    "Range, by David Epstein (book)",
)
BANK_QUESTIONS = (
    ("How is {function} work changing where you are?", "trends", "should", 3),
    ("What does a good first year in {function} look like?", "insights", "must", 3),
    ("Which skills separate a strong {level} from an average one?", "insights", "should", 3),
    ("What is the hardest part of {function} that nobody mentions?", "insights", "nice", 2),
    ("How would you prepare for a {function} role starting today?", "advice", "must", 3),
    ("Which people or newsletters in {function} do you follow?", "resources", "nice", 2),
    ("Is there a small project I could do to test my interest in {function}?", "assignments",
     "should", 3),
)  # fmt: skip


def slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def role_specs(n_contacts: int) -> list[dict[str, Any]]:
    """One role per CONTACTS_PER_ROLE contacts, at least two, each with its own question tag."""
    count = max(2, -(-n_contacts // CONTACTS_PER_ROLE))
    roles = []
    for index in range(count):
        function, industry, family = FUNCTIONS[index % len(FUNCTIONS)]
        level = LEVELS[(index // len(FUNCTIONS)) % len(LEVELS)]
        round_ = index // (len(FUNCTIONS) * len(LEVELS))
        title = f"{function} {level}" + (f" ({round_ + 1})" if round_ else "")
        roles.append(
            {
                "id": slug(title),
                "title": title,
                "industry": industry,
                "function": function,
                "family": family,
                "level": level,
            }
        )
    return roles


def role_document(spec: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    levels = ("have", "learning", "gap")
    return {
        "title": spec["title"],
        "industry": spec["industry"],
        "summary": (
            f"Works on **{spec['function'].lower()}** at the {spec['level'].lower()} level: "
            f"plans the work, agrees priorities with other teams and reports on results.\n"
        ),
        "skills": [
            {"name": skill, "level": levels[i % 3]} for i, skill in enumerate(rng.sample(SKILLS, 5))
        ],
        "certifications": [f"{spec['function']} Foundations Certificate"],
        "companies": rng.sample(COMPANIES, 3),
        "question_tags": [spec["id"], spec["family"], "early-career"],
    }


def bank_document(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": f"{spec['title']} questions",
        "description": f"Questions for people working in {spec['function'].lower()}.\n",
        "questions": [
            {
                "id": f"{spec['id']}-q{i + 1}",
                "text": text.format(function=spec["function"].lower(), level=spec["level"].lower()),
                "category": category,
                "priority": priority,
                "minutes": minutes,
                "tags": [spec["id"]],
            }
            for i, (text, category, priority, minutes) in enumerate(BANK_QUESTIONS)
        ],
    }


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def contact_document(
    i: int, roles: list[dict[str, Any]], shared_questions: list[str], seed: int
) -> tuple[str, dict[str, Any]]:
    """Contact i's file name stem and content: a function of (seed, i) and the roles it may use."""
    rng = random.Random(f"{seed}:contact:{i}")
    # Drawn apart from rng, so that adding a field never changed who is who.
    more = random.Random(f"{seed}:more:{i}")
    first, last = _name(rng)
    # Contacts come in blocks of CONTACTS_PER_ROLE per role, so a role page lists ~50 people.
    role = roles[(i // CONTACTS_PER_ROLE) % len(roles)]
    role_ids = [role["id"]]
    if rng.random() < 0.25:
        role_ids.append(roles[(i // CONTACTS_PER_ROLE + 1) % len(roles)]["id"])
    company, other = rng.sample(COMPANIES, 2)
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    fill = {
        "company": company,
        "other": other,
        "year": rng.randint(2012, 2025),
        "years": rng.randint(2, 9),
        "team": rng.randint(3, 12),
        "topic": rng.choice(TOPICS),
        "field": rng.choice(FUNCTIONS)[0].lower(),
        "function": role["function"].lower(),
        "school": "Lakeside University",
    }
    source = rng.choice(("linkedin", "alumni", "company-site", "event", "other"))
    doc: dict[str, Any] = {
        "name": f"{first} {last}",
        "title": f"{more.choice(SENIORITY)} {role['function']} {more.choice(JOB_NOUNS)}",
        "company": company,
        "roles": role_ids,
        "source": source,
    }
    if i > 0 and rng.random() < 0.2:
        doc["source"] = "referral"
        doc["introduced_by"] = None  # filled in by the caller, who knows the earlier ids
    if source == "alumni":
        doc["school"] = "Lakeside University"
    handle = f"{slug(first)}-{slug(last)}-{i}"
    doc["links"] = {
        "linkedin": f"https://www.linkedin.com/in/{handle}-example",
        "email": f"{handle}@example.com",
    }
    if rng.random() < 0.4:
        doc["links"]["phone"] = f"+1 555 {rng.randint(100, 9999):04d}"
    doc["status"] = status
    research = rng.sample(RESEARCH, rng.randint(2, 4))
    doc["research"] = " ".join(line.format(**fill) for line in research) + "\n"

    log: list[dict[str, Any]] = []
    day = TODAY - timedelta(days=rng.randint(20, 90))
    if status != "identified":
        log.append({"date": day, "kind": "outreach", "note": "LinkedIn note, short and specific"})
    if status not in ("identified", "contacted"):
        day += timedelta(days=rng.randint(1, 4))
        # Every other reply imported from mail (`playbook import mail` keeps its Message-ID).
        reply = {"date": day, "kind": "reply"}
        log.append(reply | ({"message_id": f"<reply-{i}@mail.example>"} if i % 2 else {}))
        log.append({"date": day, "kind": "scheduled", "note": "Agreed a time by email"})
        if status == "scheduled":
            start = TODAY + timedelta(days=rng.randint(0, 20))
        else:
            start = day + timedelta(days=rng.randint(3, 10))
        when = datetime(start.year, start.month, start.day, rng.choice((9, 11, 13, 15)), 30)
        minutes, medium = rng.choice((20, 20, 25, 30)), rng.choice(tuple(MEDIUMS))
        doc["interview"] = {
            "when": when.isoformat(),
            "minutes": minutes,
            "medium": medium,
            "where": MEDIUMS[medium].format(first=first, company=company, i=i),
        }
        if i % 3 == 0:  # booked from a calendar invite (`playbook import invite`), moved once
            doc["interview"] |= {"uid": f"invite-{i}@calendar.example", "sequence": 1}
        if status != "scheduled":
            log.append({"date": start, "kind": "interview"})
            notes = rng.sample(NOTES, rng.randint(2, 4))
            doc["notes"] = "".join(f"- {line.format(**fill)}\n" for line in notes)
            doc["thank_you_detail"] = f"your advice on {fill['topic']}"
            if status != "interviewed":
                log.append({"date": start + timedelta(days=1), "kind": "thank-you"})
            if rng.random() < 0.4:
                doc["referrals"] = [f"{rng.choice(FIRST)} {rng.choice(LAST)}, {other}"]
            if status in ("following-up", "closed"):
                log.append(
                    {
                        "date": start + timedelta(days=rng.randint(20, 40)),
                        "kind": "follow-up",
                        "note": "Shared how their advice helped",
                    }
                )
    doc["log"] = [entry for entry in log if entry["date"] <= TODAY]

    role_questions = [f"{rid}-q{q}" for rid in role_ids for q in range(1, len(BANK_QUESTIONS) + 1)]
    picks = rng.sample(role_questions, rng.randint(0, 2)) + rng.sample(shared_questions, 1)
    skips = [q for q in rng.sample(shared_questions, 2) if q not in picks][:1]
    extras = [rng.choice(EXTRAS).format(**fill)] if rng.random() < 0.5 else []
    doc["questions"] = {"pick": picks, "skip": skips, "extra": extras}
    doc["tags"] = sorted(rng.sample(TAGS, rng.randint(1, 3)))
    doc["public"] = rng.random() < 0.2
    if doc["public"]:
        doc["title"], doc["company"] = more.choice(PUBLIC_TITLES), more.choice(PUBLIC_COMPANIES)
    if more.random() < 0.3:
        doc["links"]["website"] = f"https://{handle}.example.net/portfolio"
    if extras and more.random() < 0.5:
        doc["questions"]["extra"] = [{"text": extras[0], "category": "advice", "minutes": 3}]
    if more.random() < 0.2:
        doc["keep_in_touch_days"] = more.choice((30, 60, 90))
    if "notes" in doc:  # talked: what they told you
        doc["learned"] = findings(random.Random(f"{seed}:learned:{i}"), role, fill)
    return f"{slug(first)}-{slug(last)}", doc


def findings(
    rng: random.Random, role: dict[str, Any], fill: dict[str, Any]
) -> list[dict[str, str]]:
    """One to three findings, some about skills and certifications the role lists."""
    weekly = f"Used every week in {fill['field']}"
    hiring = f"Hiring for {fill['topic']} next year"
    certificate = f"{role['function']} Foundations Certificate"  # the one its role lists
    made: dict[str, Callable[[], dict[str, str]]] = {
        "skill": lambda: {"skill": rng.choice(SKILLS + HEARD_SKILLS), "note": weekly},
        "certification": lambda: {
            "certification": rng.choice((certificate, *HEARD_CERTIFICATIONS))
        },
        "tool": lambda: {"tool": rng.choice(TOOLS)},
        "company": lambda: {"company": rng.choice(HEARD_COMPANIES), "note": hiring},
        "opening": lambda: {
            "opening": f"{role['level']} {role['function']} role at {fill['company']}",
            "note": "Not posted yet; ask for a referral when it is",
            "role": role["id"],
        },
        "advice": lambda: {"advice": rng.choice(ADVICE).format(**fill)},
        "resource": lambda: {"resource": rng.choice(RESOURCES).format(**fill)},
    }
    kinds = rng.sample(["skill", "skill", *made], rng.randint(1, 3))
    return [made[kind]() for kind in kinds]


class _Dumper(yaml.SafeDumper):
    """Files as a person writes them: no &anchors, multi-line text as `|` blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text_block)


def _dump(path: Path, data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def _shared_question_ids() -> list[str]:
    ids = []
    for path in sorted((EXAMPLE_DATA / "questions").glob("*.yml")):
        bank = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids += [q["id"] for q in bank["questions"] if q["category"] != "closing" and not q["tags"]]
    return ids


def generate_data(data: Path, n: int, seed: int = SEED) -> dict[str, int]:
    """Write a data/ folder with n contacts; returns how many files of each kind it holds."""
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy2(EXAMPLE_DATA / "profile.yml", data / "profile.yml")
    for folder in ("templates", "checklists", "questions"):
        shutil.copytree(EXAMPLE_DATA / folder, data / folder, dirs_exist_ok=True)
    (data / "roles").mkdir(exist_ok=True)
    (data / "contacts").mkdir(exist_ok=True)
    roles = role_specs(n)
    for spec in roles:
        rng = random.Random(f"{seed}:role:{spec['id']}")
        _dump(data / "roles" / f"{spec['id']}.yml", role_document(spec, rng))
        _dump(data / "questions" / f"{spec['id']}.yml", bank_document(spec))
    shared = _shared_question_ids()
    ids: list[str] = []
    taken: set[str] = set()
    for i in range(n):
        stem, doc = contact_document(i, roles, shared, seed)
        contact_id, suffix = stem, 2
        while contact_id in taken:
            contact_id, suffix = f"{stem}-{suffix}", suffix + 1
        if "introduced_by" in doc:
            pick = random.Random(f"{seed}:intro:{i}").randrange(max(0, i - INTRODUCER_WINDOW), i)
            doc["introduced_by"] = ids[pick]
        taken.add(contact_id)
        ids.append(contact_id)
        _dump(data / "contacts" / f"{contact_id}.yml", doc)
    banks = len(list((data / "questions").glob("*.yml")))
    return {"contacts": n, "roles": len(roles), "banks": banks}


def first_contact_id(seed: int = SEED) -> str:
    """The id of contact 0, present at every size: the prep sheet compared across sizes."""
    first, last = _name(random.Random(f"{seed}:contact:0"))
    return f"{slug(first)}-{slug(last)}"


def site_config(data_dir: str = "data", docs_dir: str = "content") -> dict[str, Any]:
    """The repository's mkdocs.yml, with the playbook plugin pointing at data_dir."""
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = docs_dir
    config["site_dir"] = "site"
    for index, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "playbook" in plugin:
            config["plugins"][index] = {
                "playbook": {**(plugin["playbook"] or {}), "data_dir": data_dir}
            }
    return config


def generate(dest: Path, n: int, seed: int = SEED) -> Path:
    """A complete project folder with n contacts at dest (which must not exist yet)."""
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose a new folder")
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "content", dest / "content")
    generate_data(dest / "data", n, seed)
    _dump(dest / "mkdocs.yml", site_config())
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of contacts")
    parser.add_argument("dest", type=Path, help="new project folder to create")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    try:
        generate(args.dest, args.n, args.seed)
    except FileExistsError as error:
        print(f"generate: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.n} contacts to {args.dest} (build with PLAYBOOK_TODAY={TODAY})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
