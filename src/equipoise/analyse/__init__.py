"""analyse stage: read-only analyses over the event store (dyads, balance, sequences).

Every function takes an open DuckDB connection and keyword options and returns a
DataFrame or frozen records; none of them prints.
"""

from equipoise.analyse.balance import BalancePeriod, balance
from equipoise.analyse.dyads import dyad_series
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.profiles import Profile, profile
from equipoise.analyse.sequences import Meeting, Sequence, sequences
from equipoise.analyse.weights import Weights, load_weights

__all__ = [
    "AnalysisError",
    "BalancePeriod",
    "Meeting",
    "Profile",
    "Sequence",
    "Weights",
    "balance",
    "dyad_series",
    "load_weights",
    "profile",
    "sequences",
]
