"""One schema.org JSON-LD block per page: a `MedicalWebPage` that search engines read.

It says only what the page itself shows: title, description, address, language,
last change (git), the condition it is about, who it is for, the sources it
cites, and `lastReviewed` / `reviewedBy` only when a clinical review matches the
page's current text (guide/reviews.py). No review, no review properties: the
structured data never claims more than the page does.

`<script type="application/ld+json">` is data, not a script: browsers do not
run it, so the Content-Security-Policy needs no hash for it (guide/security.py
hashes only scripts that run).
"""

from __future__ import annotations

import json

from guide.data import Source
from guide.reviews import Status

CONDITION = {"@type": "MedicalCondition", "name": "Synkinesis", "alternateName": "Facial synkinesis"}
# schema.org MedicalAudienceType: Patient for most pages, Clinician for the clinicians' page.
AUDIENCES = {"patients": "Patient", "clinicians": "Clinician"}


def citation(source: Source) -> dict:
    """A source as a schema.org CreativeWork; an unchecked title is a description, not a name."""
    work = {"@type": "ScholarlyArticle" if source.doi else "CreativeWork", "url": source.link}
    if source.title:
        work["name"] = source.title
    else:
        work["description"] = source.topic
    if source.authors:
        work["author"] = source.authors
    if source.year:
        work["datePublished"] = str(source.year)
    publisher = source.journal or source.publisher
    if publisher:
        work["publisher"] = publisher
    return work


def audience(address: str | None) -> str:
    """'clinicians' for the clinicians' page (and any page under it), else 'patients'."""
    return "clinicians" if address and address.startswith("/clinicians/") else "patients"


def page_data(*, title: str, description: str, url: str, language: str, modified: str | None,
              audience: str, sources: list[Source], review: Status | None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "url": url,
        "inLanguage": language,
        "about": CONDITION,
        "audience": {"@type": "MedicalAudience", "audienceType": AUDIENCES[audience]},
        "citation": [citation(s) for s in sources],
    }
    if modified:
        data["dateModified"] = modified
    if review is not None and review.matches:
        data["lastReviewed"] = review.review.date.isoformat()
        person = {"@type": "Person", "name": review.reviewer.name, "jobTitle": review.reviewer.role}
        if review.reviewer.registration:
            person["identifier"] = review.reviewer.registration
        data["reviewedBy"] = person
    return data


def script_tag(data: dict) -> str:
    """The <script> element. `<` is escaped so no text in the data can close the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'
