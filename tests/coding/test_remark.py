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
    first, second = SENTENCES.read_text(encoding="utf-8").splitlines()[:2]
    current = tmp_path / "current.jsonl"  # the second row with the mark the coder earns now
    current.write_text(second + "\n", encoding="utf-8")
    remark(current, resources, write=True)
    kept = _compact(current.read_text(encoding="utf-8").strip())
    current.write_text(kept + "\n", encoding="utf-8")
    assert remark(current, resources, write=True) == []
    assert current.read_text(encoding="utf-8") == kept + "\n"  # not even reformatted

    stale = json.loads(first)
    stale["xfail"] = "a mark no diagnosis writes"
    table = tmp_path / "table.jsonl"
    table.write_text(json.dumps(stale) + "\n" + kept + "\n", encoding="utf-8")
    changed = remark(table, resources, write=False)
    assert len(changed) == 1 and changed[0].startswith(f"{stale['id']}: ")
    assert "a mark no diagnosis writes" in changed[0]
    remark(table, resources, write=True)
    lines = table.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]).get("xfail") != "a mark no diagnosis writes"
    assert lines[1] == kept  # the unchanged row is left byte for byte
