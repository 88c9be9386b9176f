from pathlib import Path

import pytest

from equipoise.analyse.weights import load_weights, parse_weights, read_role_table
from equipoise.errors import DataFileError

SHIPPED = Path(__file__).parents[2] / "src/equipoise/data/analysis/weights.toml"


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("President", "leader"),
        ("Prime Minister", "leader"),
        ("Foreign Minister", "minister"),
        ("Vice Foreign Minister", "vice"),
        ("Deputy Prime Minister", "vice"),
        ("Ambassador", "official"),
        ("Former President", "other"),
        ("Chef", None),
        (None, None),
    ],
)
def test_rank_of_titles(title: str | None, rank: str | None) -> None:
    assert load_weights().rank_table.rank_of(title) == rank


def test_best_rank_takes_highest_and_unknown_without_titles() -> None:
    table = load_weights().rank_table
    assert table.best_rank(["Ambassador", "Prime Minister"]) == "leader"
    assert table.best_rank([None, "Chef"]) == "unknown"


def test_leaders_summit_outweighs_vice_minister_call() -> None:
    w = load_weights()
    summit = w.event_weight("CONSULT", "visit", "leader")
    call = w.event_weight("CONSULT", "phone", "vice")
    pledge = w.event_weight("AGREE", None, "vice")
    assert summit > call > pledge
    assert summit == pytest.approx(4.0 * 3.0)


def test_role_table_overrides_fallback() -> None:
    roles = read_role_table("term,sector,rank\npresident,GOV,minister\n", "roles.csv")
    w = parse_weights(SHIPPED.read_text("utf-8"), "w", roles=roles)
    assert w.rank_table.rank_of("President") == "minister"


def test_role_table_rejects_unknown_rank() -> None:
    with pytest.raises(DataFileError, match="line 2"):
        read_role_table("term,sector,rank\nking,GOV,monarch\n", "roles.csv")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("CONSULT = 3.0", "CONSULT = -3.0"), "positive"),
        (("[types]", "[types]\nHUG = 1.0"), "unknown PLOVER"),
        (("unknown = 1.0", ""), "lacks unknown"),
        (("balanced_max_abs = 0.2", "balanced_max = 0.2"), "verdict"),
    ],
)
def test_weights_schema_errors(edit: tuple[str, str], message: str) -> None:
    text = SHIPPED.read_text("utf-8").replace(*edit, 1)
    with pytest.raises(DataFileError, match=message):
        parse_weights(text, "bad.toml")


def test_quad_fallback_only_when_missing() -> None:
    w = load_weights()
    assert w.quad_of("ACCUSE", None) == 3
    assert w.quad_of("ACCUSE", 0) == 3
    assert w.quad_of("ACCUSE", 4) == 4
