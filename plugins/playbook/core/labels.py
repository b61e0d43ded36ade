"""The YAML's fixed values as pages and the terminal show them, in the active language.

The files keep their English values (`status: scheduled`, `medium: video`); only what is shown is
translated. Each group of values is a gettext context of its own, so that a word in two groups
(`follow-up`, the log entry; `Follow-up`, the action) can be translated apart. English shows the
values as they always were.
"""

from __future__ import annotations

from playbook.core import words


def C_(context: str, message: str) -> str:
    """Marks a message of a context for extraction (`pybabel extract -k C_:1c,2`)."""
    return message


LABELS: dict[str, dict[str, str]] = {
    # A contact's status, on its chip, the board, the tables.
    "status": {
        "identified": C_("status", "identified"),
        "contacted": C_("status", "contacted"),
        "scheduled": C_("status", "scheduled"),
        "interviewed": C_("status", "interviewed"),
        "thanked": C_("status", "thanked"),
        "following-up": C_("status", "following-up"),
        "closed": C_("status", "closed"),
    },
    # A log entry's kind.
    "log": {
        "outreach": C_("log", "outreach"),
        "reply": C_("log", "reply"),
        "scheduled": C_("log", "scheduled"),
        "interview": C_("log", "interview"),
        "thank-you": C_("log", "thank-you"),
        "follow-up": C_("log", "follow-up"),
        "referral": C_("log", "referral"),
        "note": C_("log", "note"),
    },
    # How you meet, on the prep sheet's card and the print pack's cover.
    "medium": {
        "video": C_("medium", "video"),
        "phone": C_("medium", "phone"),
        "coffee": C_("medium", "coffee"),
        "office": C_("medium", "office"),
    },
    # A question's stage of the conversation (TIARA), as a heading and a label.
    "category": {
        "trends": C_("category", "Trends"),
        "insights": C_("category", "Insights"),
        "advice": C_("category", "Advice"),
        "resources": C_("category", "Resources"),
        "assignments": C_("category", "Assignments"),
        "other": C_("category", "Other"),
        "closing": C_("category", "Closing"),
    },
    # Why a question is in the plan.
    "priority": {
        "must": C_("priority", "must"),
        "should": C_("priority", "should"),
        "nice": C_("priority", "nice"),
        "picked": C_("priority", "picked"),
        "extra": C_("priority", "extra"),
        "closing": C_("priority", "closing"),
    },
    # Where you stand on a skill.
    "level": {
        "have": C_("level", "have"),
        "learning": C_("level", "learning"),
        "gap": C_("level", "gap"),
    },
    # A message template's kind.
    "template": {
        "linkedin-note": C_("template", "linkedin-note"),
        "email": C_("template", "email"),
        "intro-request": C_("template", "intro-request"),
        "follow-up": C_("template", "follow-up"),
        "thank-you": C_("template", "thank-you"),
        "keep-in-touch": C_("template", "keep-in-touch"),
        "referral-thanks": C_("template", "referral-thanks"),
    },
    # A finding's kind, beside one finding.
    "finding": {
        "skill": C_("finding", "Skill"),
        "certification": C_("finding", "Certification"),
        "tool": C_("finding", "Tool"),
        "company": C_("finding", "Company"),
        "opening": C_("finding", "Opening"),
        "advice": C_("finding", "Advice"),
        "resource": C_("finding", "Resource"),
    },
    # The same, as the heading over several.
    "findings": {
        "skill": C_("findings", "Skills"),
        "certification": C_("findings", "Certifications"),
        "tool": C_("findings", "Tools"),
        "company": C_("findings", "Companies"),
        "opening": C_("findings", "Openings"),
        "advice": C_("findings", "Advice"),
        "resource": C_("findings", "Resources"),
    },
    # The same, within a sentence ("They also told you about companies (2), advice (1)").
    "mentioned": {
        "skill": C_("mentioned", "skills"),
        "certification": C_("mentioned", "certifications"),
        "tool": C_("mentioned", "tools"),
        "company": C_("mentioned", "companies"),
        "opening": C_("mentioned", "openings"),
        "advice": C_("mentioned", "advice"),
        "resource": C_("mentioned", "resources"),
    },
    # The outreach funnel's stages (logic/schedule.funnel), in its chart and table.
    "funnel": {
        "reached out": C_("funnel", "reached out"),
        "replied": C_("funnel", "replied"),
        "talked": C_("funnel", "talked"),
        "referred": C_("funnel", "referred"),
    },
    # How you are connected to someone (logic/connections.py), in the checks' reasons.
    "connection": {
        "introducer": C_("connection", "introducer"),
        "shared school": C_("connection", "shared school"),
        "shared employer": C_("connection", "shared employer"),
    },
    # What is due (the Today list, the board, the calendar).
    "action": {
        "thank-you": C_("action", "Thank-you"),
        "second-person": C_("action", "Second person"),
        "follow-up": C_("action", "Follow-up"),
        "move-on": C_("action", "Move on"),
        "keep-in-touch": C_("action", "Keep in touch"),
        "referral": C_("action", "Referral"),
    },
}


def label(group: str, value: str) -> str:
    """`value` of `group` as shown: `label("status", "scheduled")` is "terminiert" in German."""
    message = LABELS[group].get(value)
    return value if message is None else words.pgettext(group, message)
