""""Report a problem with this page": ordinary links, built at build time.

The link opens the GitHub issue form .github/ISSUE_TEMPLATE/report-a-problem.yml
with the page's address already filled in (GitHub fills a form field from a URL
query parameter named after the field's id). Nothing is sent, and no other host
is contacted, until the reader clicks. The email route comes from `extra.contact`
in mkdocs.yml, the one place the contact details live.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

ISSUE_FORM = "report-a-problem.yml"
PAGE_FIELD = "page"   # the id of the address field in the issue form


def issue_url(repo_url: str, page_url: str, title: str) -> str:
    query = urlencode({"template": ISSUE_FORM, PAGE_FIELD: page_url, "title": f"Problem on: {title}"}, quote_via=quote)
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def mail_url(email: str, page_url: str) -> str:
    query = urlencode({"subject": f"Problem on {page_url}"}, quote_via=quote)
    return f"mailto:{email}?{query}"


def links(repo_url: str, contact: dict | None, page_url: str, title: str) -> dict[str, str | None]:
    """The page's report links: the issue form, and email when `extra.contact.email` is set."""
    email = (contact or {}).get("email")
    return {"issue": issue_url(repo_url, page_url, title), "email": mail_url(email, page_url) if email else None}
