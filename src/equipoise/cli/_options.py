"""Option types shared by command modules."""

from __future__ import annotations

from datetime import date
from typing import Any

import click


class DateParam(click.ParamType[date]):
    """An ISO date (YYYY-MM-DD)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date of the form YYYY-MM-DD", param, ctx)


DATE = DateParam()
