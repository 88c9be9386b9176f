"""International NGOs named in full: one code each, sector NGO; "RSF" alone stays Sudan's
Rapid Support Forces unless the article defines it (our own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from equipoise.config import load_settings
from equipoise.pipeline import Resources

DAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(load_settings(environ={}))


@pytest.mark.parametrize(("text", "code"), [
    ("Amnesty International accused the police of torture.", "AI"),
    ("Reporters Without Borders accused the police of torture.", "RSF"),
    ("Human Rights Watch accused the police of torture.", "HRW"),
    ("The International Committee of the Red Cross accused the police of torture.", "ICRC"),
    ("Doctors Without Borders accused the police of torture.", "MSF"),
    ("Medecins Sans Frontieres accused the police of torture.", "MSF"),
    ("MSF accused the police of torture.", "MSF"),
    ("Transparency International accused the police of torture.", "TI"),
    ("The Committee to Protect Journalists accused the police of torture.", "CPJ"),
])
def test_international_ngos_named_in_full_are_one_code_with_sector_ngo(
        text: str, code: str, resources: Resources) -> None:
    doc = resources.nlp(text)
    first = resources.coder.mentions(doc, DAY)[0]
    assert [(a.org, a.sector) for a in first.actors] == [(code, "NGO")]


def test_rsf_alone_stays_sudans_rapid_support_forces(resources: Resources) -> None:
    doc = resources.nlp("Sudan's army accused the RSF of shelling a hospital.")
    groups = [a for m in resources.coder.mentions(doc, DAY) for a in m.actors
              if doc[m.start: m.end].text == "the RSF"]
    assert [(a.country, a.sector) for a in groups] == [("SDN", "REB")]


def test_rsf_defined_as_reporters_without_borders_is_the_press_group(
        resources: Resources) -> None:
    doc = resources.nlp("Reporters Without Borders (RSF) criticised Russia. "
                        "RSF urged Moscow to free the reporters.")
    later = [a for m in resources.coder.mentions(doc, DAY) for a in m.actors
             if doc[m.start: m.end].text == "RSF" and m.start > 5]
    assert [(a.org, a.sector) for a in later] == [("RSF", "NGO")]
