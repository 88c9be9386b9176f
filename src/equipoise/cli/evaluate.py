"""``equipoise evaluate``: code gold articles and score the events against the gold."""

from __future__ import annotations

import json
from pathlib import Path

import click

from equipoise.cli._context import settings_of
from equipoise.errors import InputError


@click.command("evaluate")
@click.argument("articles", type=click.Path(exists=True, file_okay=False))
@click.argument("gold", type=click.Path(exists=True, file_okay=False))
@click.option("--verbose", is_flag=True, help="List missed units and false positives.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--sectors", is_flag=True,
              help="Score domestic events as pairs of sectors and report sector accuracy "
                   "(gold events with actor_sectors and recipient_sectors).")
@click.pass_context
def evaluate_cmd(ctx: click.Context, articles: str, gold: str, verbose: bool, as_json: bool,
                 sectors: bool) -> None:
    """Score the coder on ARTICLES (one JSON article per gold file) against GOLD."""
    from equipoise.evaluate import evaluate
    from equipoise.pipeline import extract

    files = sorted(str(p) for p in Path(articles).glob("*.json")
                   if (Path(gold) / p.name).exists())
    if not files:
        raise InputError(f"no article to score: {articles} holds no NAME.json with a gold "
                         f"file of the same name in {gold}")
    predicted: dict[str, list[dict[str, object]]] = {}
    for outcome in extract(files, settings=settings_of(ctx)):
        if outcome.article is not None:
            predicted[outcome.article.id] = [e.to_dict() for e in outcome.events]
    total, per = evaluate(Path(articles), Path(gold), predicted, sectors=sectors)
    scores = {"articles": len(per), "precision": round(total.precision, 3),
              "recall": round(total.recall, 3), "f1": round(total.f1, 3),
              "date_accuracy": round(total.date_ok / total.date_n, 3) if total.date_n else None,
              "place_accuracy": round(total.place_ok / total.place_n, 3) if total.place_n
              else None}
    if sectors:
        accuracy = total.sector_accuracy
        scores["sector_accuracy"] = round(accuracy, 3) if accuracy is not None else None
    if as_json:
        click.echo(json.dumps(scores))
    else:
        click.echo(" ".join(f"{k}={v}" for k, v in scores.items()))
    if verbose:
        for name, score in per.items():
            for line in score.missed:
                click.echo(f"{name} missed {line}")
            for line in score.false:
                click.echo(f"{name} false+ {line}")


commands = [evaluate_cmd]
