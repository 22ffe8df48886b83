from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    ASSOCIATE = "associate", _("Associate member")
    OBSERVER = "observer", _("Observer")
    CANDIDATE = "candidate", _("Candidate or on hold")
    FORMER = "former", _("Former member")
