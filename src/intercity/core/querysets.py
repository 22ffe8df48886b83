"""Read-side helpers of the core app."""

from django.apps import apps


def atlas_counts():
    """How many records of each kind the atlas holds, for the home page and the CLI."""
    models = {
        "networks": "networks.Network",
        "governments": "places.Government",
        "memberships": "engagement.Membership",
        "twinnings": "relations.Twinning",
        "places": "places.Place",
        "countries": "places.Country",
    }
    return {key: apps.get_model(label).objects.count() for key, label in models.items()}
