"""The urgent-help box shown at the top of every page, from data/safety.yml.

Plain data for the template (overrides/partials/urgent-help.html): the wording
and, for each part, the sources that say it, as links. The box links to its
sources directly, so it needs no entry in a page's own Sources section and
reads the same on every page, including pages that cite nothing else.
"""

from __future__ import annotations

from guide.data import SiteData


def urgent_help(data: SiteData) -> dict | None:
    """{'title', 'parts': [{'text', 'sources': [{'name', 'url'}]}]}, or None without safety.yml."""
    if data.safety is None:
        return None
    urgent = data.safety.urgent

    def part(sourced) -> dict:
        return {
            "text": " ".join(sourced.text.split()),
            "sources": [{"name": _name(data, i), "url": data.sources[i].link} for i in sourced.sources],
        }

    return {"title": urgent.title, "parts": [part(urgent.stroke), part(urgent.new_palsy)]}


def _name(data: SiteData, source_id: str) -> str:
    # "NHS", "American Stroke Association": who says it, which is what a worried reader needs.
    source = data.sources[source_id]
    return (source.authors or source.label or source.publisher or source_id).strip()
