"""``python -m tests.coding.remark --write`` rewrites only the marks that changed."""

from __future__ import annotations

import json
from pathlib import Path

from equipoise.pipeline import Resources

from .remark import remark

SENTENCES = Path(__file__).with_name("sentences.jsonl")


def _compact(line: str) -> str:
    return json.dumps(json.loads(line), ensure_ascii=True, separators=(",", ":"))


def test_only_changed_marks_are_rewritten_and_named(resources: Resources,
                                                    tmp_path: Path) -> None:
    lines = SENTENCES.read_text(encoding="utf-8").splitlines()
    passing = next(line for line in lines if '"xfail"' not in line)
    failing = _compact(next(line for line in lines if '"xfail"' in line))
    kept = tmp_path / "kept.jsonl"  # a failing row, its mark as written by hand, reformatted
    kept.write_text(failing + "\n", encoding="utf-8")
    assert remark(kept, resources, write=True).changed == []
    assert kept.read_text(encoding="utf-8") == failing + "\n"  # not even reformatted

    stale = json.loads(passing)
    stale["xfail"] = "a mark no diagnosis writes"
    table = tmp_path / "table.jsonl"
    table.write_text(json.dumps(stale) + "\n" + failing + "\n", encoding="utf-8")
    marks = remark(table, resources, write=False)
    assert marks.changed == [f"{stale['id']}: now passes (was: a mark no diagnosis writes)"]
    remark(table, resources, write=True)
    rewritten = table.read_text(encoding="utf-8").splitlines()
    assert "xfail" not in json.loads(rewritten[0])
    assert rewritten[1] == failing  # the unchanged row is left byte for byte
