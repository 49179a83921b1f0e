"""How a citation names its authors in the text (guide/pages.py short_name).

The rule, from the clinical-accuracy issue: one author gives the surname, two
authors give "A and B", three or more (or a list cut short) give "A et al.".
"""

from __future__ import annotations

import pytest

from guide.data import Source
from guide.pages import short_name

pytestmark = pytest.mark.content


def source(authors: str | None = None, year: int | None = 2006, **extra) -> Source:
    if year is None:
        extra.setdefault("year_unknown", "no year in this test")
    return Source(authors=authors, year=year, title="A checked title", journal="A journal",
                  doi="10.1000/example", kind="study", **extra)


@pytest.mark.parametrize("authors, year, expected", [
    ("Rozen SM", None, "Rozen"),
    ("Rozen SM", 2025, "Rozen 2025"),
    ("Beurskens CHG, Heymans PG", 2006, "Beurskens and Heymans 2006"),
    ("Rail B, Bhatia SS, Dragun AJ", 2025, "Rail et al. 2025"),
    ("Rail B, Bhatia SS, Dragun AJ, Geltser CS, Dang M, Lee M, Rozen SM", 2025, "Rail et al. 2025"),
    ("Azizzadeh, et al.", 2019, "Azizzadeh et al. 2019"),
    ("Halani, … Rozen SM", 2022, "Halani et al. 2022"),
])
def test_people(authors, year, expected):
    assert short_name(source(authors, year)) == expected


def test_an_organisation_keeps_its_whole_name():
    assert short_name(source("Facial Palsy UK", None)) == "Facial Palsy UK"
    assert short_name(source("NHS", None)) == "NHS"


def test_a_label_wins():
    assert short_name(source(None, 2024, label="Neurectomy outcomes study 2024")) == "Neurectomy outcomes study 2024"
