"""Choosing a portfolio of network memberships under a fee budget and staff hours (no Django).

Typical use::

    from intercity.analysis.portfolio import optimise_portfolio, greedy_portfolio
    solution = optimise_portfolio(values, fees, hours, budget=50_000, hours_available=120,
                                  themes=themes, overlap=overlap, keep=must_keep)
    solution.selected, solution.status, solution.gap, solution.uncovered_themes

:func:`optimise_portfolio` is exact (HiGHS); :func:`greedy_portfolio` is the fast baseline and
:func:`brute_force_portfolio` the reference for small problems. All three solve the same problem
(:mod:`.problem`) and report a :class:`PortfolioSolution`.
"""

from .brute_force import MAX_NETWORKS, brute_force_portfolio
from .greedy import greedy_portfolio
from .optimise import optimise_portfolio
from .problem import PortfolioError, PortfolioSolution

__all__ = [
    "MAX_NETWORKS",
    "PortfolioError",
    "PortfolioSolution",
    "brute_force_portfolio",
    "greedy_portfolio",
    "optimise_portfolio",
]
