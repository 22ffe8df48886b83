from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    TWINNING = "twinning", _("Twinning or sister city")
    FRIENDSHIP = "friendship", _("Friendship")
    PARTNERSHIP = "partnership", _("Partnership")
    COOPERATION = "cooperation", _("Cooperation agreement")
