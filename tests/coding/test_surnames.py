"""A bare surname is read as an office holder only of a state the article names.

With office holders of every state in the dictionary, surnames collide across borders:
a story about Venezuela's opposition leader must not hand his acts to Paraguay's
defence minister of the same surname (our own sentences)."""

from datetime import date

from equipoise.models import Article
from equipoise.pipeline import Resources, code_article


def _countries(text: str, resources: Resources) -> set[str]:
    article = Article(id="s", text=text, published=date(2024, 9, 9))
    return {a.country for e in code_article(article, resources) for a in e.actor + e.recipient
            if a.country}


def test_a_surname_of_a_state_the_article_never_names_is_not_that_office_holder(
        resources: Resources) -> None:
    text = ("Spain granted asylum to the Venezuelan opposition candidate on Sunday. "
            "Gonzalez thanked Madrid for its support after arriving at an air base near "
            "the capital.")
    assert "PRY" not in _countries(text, resources)


def test_a_surname_of_a_state_the_article_names_is_its_office_holder(
        resources: Resources) -> None:
    text = ("Paraguay and Argentina held talks on border security in Asuncion on Monday. "
            "Gonzalez thanked Argentina for its support.")
    assert "PRY" in _countries(text, resources)
