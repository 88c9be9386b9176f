"""Charts of dyad series and balance indices (matplotlib, PNG or SVG).

Figures are built with ``matplotlib.figure.Figure`` directly, never through pyplot, so
the library leaves the global backend alone and is safe to call from a server thread;
saving renders with the Agg (PNG) or SVG canvas chosen by the suffix.
"""

from __future__ import annotations

import math
from collections import abc
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from equipoise.analyse.balance import BALANCED, TOO_LITTLE, BalancePeriod
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.periods import period_of
from equipoise.analyse.sequences import Sequence

SUFFIXES: tuple[str, ...] = (".png", ".svg")
QUAD_STYLE: tuple[tuple[str, str, str], ...] = (
    ("quad1", "verbal cooperation", "#8fc1e3"),
    ("quad2", "material cooperation", "#1f77b4"),
    ("quad3", "verbal conflict", "#f4a582"),
    ("quad4", "material conflict", "#b2182b"),
)
P1_COLOUR, P2_COLOUR = "#d62728", "#1f4e9c"
MAX_KEY_LINES = 12
SHADE = {BALANCED: "#2ca02c", TOO_LITTLE: "#9e9e9e"}


# Written into every chart (a PNG text chunk, SVG metadata) so that a chart asked for
# again at the same path may replace it, while any other file there is left alone.
MARK = "equipoise chart"
_MARK_BYTES = MARK.encode()
_HEAD_BYTES = 64 * 1024  # both formats carry their metadata before the image data


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise AnalysisError(f"plot file {path} must end in .png or .svg")


def is_our_chart(path: str | Path) -> bool:
    """Whether ``path`` is a chart written by equipoise (so replacing it loses nothing)."""
    try:
        with Path(path).open("rb") as handle:
            return _MARK_BYTES in handle.read(_HEAD_BYTES)
    except OSError:
        return False


def _check_target(out: Path) -> None:
    if out.is_dir():
        raise AnalysisError(f"plot file {out} is a folder; give a file name ending in .png "
                            "or .svg")
    if out.exists() and not is_our_chart(out):
        raise AnalysisError(f"{out} exists and is not a chart equipoise wrote, so it is left "
                            "as it is; give another file name or move that file away")


def _save(fig: Figure, path: str | Path) -> Path:
    out = Path(path)
    _check_target(out)
    key = "Creator" if out.suffix.lower() == ".svg" else "Software"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=120, bbox_inches="tight", metadata={key: MARK})
    except OSError as exc:
        raise AnalysisError(f"cannot write chart {out}: {exc.strerror or exc}; give a "
                            "path in a folder you can write") from exc
    return out


def _tick_positions(labels: abc.Sequence[str]) -> list[int]:
    """At most ~12 evenly spaced ticks so long series stay readable."""
    step = max(1, -(-len(labels) // 12))
    return list(range(0, len(labels), step))


def _set_period_ticks(ax: Axes, labels: abc.Sequence[str]) -> None:
    ticks = _tick_positions(labels)
    ax.set_xticks(ticks)
    ax.set_xticklabels([labels[i] for i in ticks], rotation=45, ha="right")
    ax.set_xlim(-0.6, len(labels) - 0.4)


def _dyad_bars(ax: Axes, combined: pd.DataFrame) -> None:
    x = list(range(len(combined)))
    bottom = [0.0] * len(combined)
    for column, label, colour in QUAD_STYLE:
        values = combined[column].astype(float).tolist()
        ax.bar(x, values, bottom=bottom, color=colour, label=label, width=0.8)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("events")


def _net_line(ax: Axes, combined: pd.DataFrame) -> None:
    values = combined["net_cooperation"].astype(float).tolist()
    x = list(range(len(values)))
    ax.plot(x, values, color="black", marker="o", linewidth=1.5)
    ax.fill_between(
        x, values, 0.0, where=[v >= 0 for v in values], color="#1f77b4", alpha=0.2, interpolate=True
    )
    ax.fill_between(
        x, values, 0.0, where=[v < 0 for v in values], color="#b2182b", alpha=0.2, interpolate=True
    )
    ax.axhline(0.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_ylabel("net cooperation\n(sum of intensity)")


def plot_dyad(df: pd.DataFrame, path: str | Path, *, title: str | None = None) -> Path:
    """Stacked bars of events by quad (all directions) over a net cooperation panel."""
    out = Path(path)
    _check_suffix(out)
    _check_target(out)
    combined = df[df["direction"] == "combined"].reset_index(drop=True)
    fig = Figure(figsize=(10, 6.4))
    ax, net = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    _dyad_bars(ax, combined)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _net_line(net, combined)
    _set_period_ticks(net, combined["period"].astype(str).tolist())
    net.set_xlabel("period")
    pair = [str(d) for d in df["direction"].unique() if "->" in str(d)]
    ax.set_title(title or f"Events between {pair[0].replace('->', ' and ') if pair else '?'}")
    return _save(fig, out)


def _verdict_colour(verdict: str, between: tuple[str, str]) -> str:
    if verdict.endswith(between[0]):
        return P1_COLOUR
    if verdict.endswith(between[1]):
        return P2_COLOUR
    return SHADE.get(verdict, SHADE[TOO_LITTLE])


def _shade_verdicts(
    ax: Axes, periods: abc.Sequence[BalancePeriod], between: tuple[str, str]
) -> None:
    for i, p in enumerate(periods):
        ax.axvspan(
            i - 0.5, i + 0.5, color=_verdict_colour(p.verdict, between), alpha=0.12, linewidth=0
        )


def _verdict_legend(between: tuple[str, str]) -> list[Patch]:
    return [
        Patch(color=P1_COLOUR, alpha=0.25, label=f"tilted toward {between[0]}"),
        Patch(color=SHADE[BALANCED], alpha=0.25, label=BALANCED),
        Patch(color=P2_COLOUR, alpha=0.25, label=f"tilted toward {between[1]}"),
        Patch(color=SHADE[TOO_LITTLE], alpha=0.25, label=TOO_LITTLE),
    ]


def _summit_labels(
    periods: abc.Sequence[BalancePeriod], summits: abc.Sequence[Sequence], by: str
) -> dict[int, list[str]]:
    position = {p.period: i for i, p in enumerate(periods)}
    labels: dict[int, list[str]] = {}
    for seq in summits:
        at = position.get(period_of(seq.first.date, by).label)
        if at is not None:
            labels.setdefault(at, []).append(
                f"{seq.first.power} {seq.first.date:%d %b} → {seq.second.power} "
                f"{seq.second.date:%d %b}"
            )
    return labels


def _annotate_summits(
    ax: Axes, periods: abc.Sequence[BalancePeriod], summits: abc.Sequence[Sequence], by: str
) -> list[str]:
    """Numbered markers above periods with summit sequences; returns the key lines."""
    key = []
    for number, (at, texts) in enumerate(
        sorted(_summit_labels(periods, summits, by).items()), start=1
    ):
        ax.plot([at], [1.12], marker="v", color="#444444", markersize=7, linestyle="none")
        ax.annotate(
            str(number),
            xy=(at, 1.12),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            fontweight="bold",
        )
        more = f" (+{len(texts) - 1} more)" if len(texts) > 1 else ""
        key.append(f"{number}: {texts[0]}{more}")
    return key


def _footer(low: Axes, handles: list[Any], key: list[str]) -> None:
    """Legend and summit key in a frameless axis under the chart, clear of tick labels."""
    low.axis("off")
    low.legend(handles=handles, loc="upper center", ncol=4, fontsize=8, frameon=False)
    if not key:
        return
    shown = key[:MAX_KEY_LINES] + (["..."] if len(key) > MAX_KEY_LINES else [])
    low.text(
        0.0,
        0.42,
        "Summit sequences (leader meetings with both powers):",
        fontsize=8,
        fontweight="bold",
        va="top",
        transform=low.transAxes,
    )
    for c in range(2):
        low.text(
            0.5 * c, 0.28, "\n".join(shown[c::2]), va="top", fontsize=7.5, transform=low.transAxes
        )


def _gapped(values: abc.Sequence[float | None]) -> list[float]:
    """None (a period with no evidence) as NaN, which matplotlib draws as a gap."""
    return [math.nan if v is None else v for v in values]


def plot_balance(
    periods: abc.Sequence[BalancePeriod],
    path: str | Path,
    *,
    focal: str,
    between: tuple[str, str],
    by: str = "month",
    summits: abc.Sequence[Sequence] = (),
    title: str | None = None,
) -> Path:
    """Index line with its interval (gaps: no evidence), verdict shading and summits."""
    out = Path(path)
    _check_suffix(out)
    _check_target(out)
    marked = len(_summit_labels(periods, summits, by))
    rows = 1.2 + 0.18 * min(marked, MAX_KEY_LINES) if marked else 0.8
    fig = Figure(figsize=(10, 5 + rows))
    ax, low = fig.subplots(2, 1, gridspec_kw={"height_ratios": [5, rows], "hspace": 0.35})
    x = list(range(len(periods)))
    _shade_verdicts(ax, periods, between)
    ax.fill_between(
        x, _gapped([p.low for p in periods]), _gapped([p.high for p in periods]),
        color="#555555", alpha=0.25, label="90% interval",
    )  # fmt: skip
    ax.plot(x, _gapped([p.index for p in periods]), color="black", marker="o",
            label="balance index (gaps: no evidence)")  # fmt: skip
    ax.axhline(0.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_ylim(-1.25, 1.35 if summits else 1.25)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    ax.set_yticklabels([f"−1 ({between[1]})", "−0.5", "0 (equal)", "0.5", f"+1 ({between[0]})"])
    _set_period_ticks(ax, [p.period for p in periods])
    key = _annotate_summits(ax, periods, summits, by)
    _footer(low, ax.get_legend_handles_labels()[0] + _verdict_legend(between), key)
    ax.set_ylabel("weighted cooperative engagement share")
    ax.set_title(title or f"{focal} between {between[0]} and {between[1]}")
    return _save(fig, out)
