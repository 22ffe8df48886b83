"""A small graph worked out by hand, shared by the tests of the graph analytics.

Networks and their members (governments 1-5)::

    network 10: 1, 2, 3, 4
    network 20: 1, 2, 5
    network 30: 3, 4

Shared members: 10 & 20 -> {1, 2} = 2, union {1, 2, 3, 4, 5} = 5, Jaccard 2/5 = 0.4;
10 & 30 -> {3, 4} = 2, union {1, 2, 3, 4} = 4, Jaccard 2/4 = 0.5; 20 & 30 share nobody.
"""

import pytest

from intercity.analysis.graph import build_bipartite

MEMBERSHIPS = {10: [1, 2, 3, 4], 20: [1, 2, 5], 30: [3, 4]}


@pytest.fixture
def small_graph():
    return build_bipartite(
        (government, network) for network, members in MEMBERSHIPS.items() for government in members
    )
