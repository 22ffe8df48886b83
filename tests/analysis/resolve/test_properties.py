"""Property tests: every gazetteer entry resolves to itself."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intercity.analysis.resolve import MATCHED, normalise_name

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _unique_names(gaz):
    """Places whose normalised main name is held by no other place of their country."""
    cached = getattr(gaz, "_test_unique_ids", None)
    if cached is None:
        cached = sorted(
            hits[0][0]
            for by_key in gaz.exact.values()
            for hits in by_key.values()
            if len(hits) == 1 and hits[0][1] == 1
        )
        gaz._test_unique_ids = cached
    return cached


@SETTINGS
@given(data=st.data())
def test_a_unique_gazetteer_name_resolves_to_itself(gaz, data):
    gid = data.draw(st.sampled_from(_unique_names(gaz)))
    place = gaz.get(gid)
    if normalise_name(place[1]) != normalise_name(normalise_name(place[1])):
        return
    res = gaz.resolve(place[1], place[4])
    assert (res.status, res.geonameid) == (MATCHED, gid), res.reason


@SETTINGS
@given(data=st.data())
def test_any_gazetteer_entry_resolves_to_itself_with_its_coordinates(gaz, data):
    ids = data.draw(st.sampled_from(sorted(gaz.places)))
    place = gaz.get(ids)
    res = gaz.resolve(place[1], place[4], place[2], place[3])
    # Two records of the same place a few metres apart are merged into the larger one (documented).
    assert res.status == MATCHED, res.reason
    if res.geonameid != ids:
        other = gaz.get(res.geonameid)
        from intercity.analysis.resolve.matching import SAME_PLACE_KM, haversine_km

        assert haversine_km(place[2], place[3], other[2], other[3]) <= SAME_PLACE_KM
