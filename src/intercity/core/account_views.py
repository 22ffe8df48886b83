"""Pages of a signed-in user's account: sign-in and sign-out, passwords, and the API token.

Django's authentication views do the work; this module points their redirects into the ``accounts``
namespace and adds the API token page.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rest_framework.authtoken.models import Token

from intercity.core.models import WorkspaceMember

# The key is shown once, on the page that follows its creation; the session keeps it until then.
NEW_TOKEN_SESSION_KEY = "intercity_new_api_token"


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign-out answers POST only (Django refuses GET), so a link or an image cannot sign anybody out."""


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class TokenView(LoginRequiredMixin, TemplateView):
    """The user's API token: whether there is one, create or regenerate it (POST), or revoke it.

    A new key is shown once, right after it is made; afterwards the page only says a token exists.
    """

    template_name = "registration/api_token.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        token = Token.objects.filter(user=user).first()
        first_membership = (
            WorkspaceMember.objects.filter(user=user).select_related("workspace").order_by("workspace__name")
        ).first()
        example_url = None
        if first_membership is not None:
            example_url = self.request.build_absolute_uri(
                f"/api/workspaces/{first_membership.workspace.slug}/memberships/"
            )
        return super().get_context_data(
            token=token,
            new_key=self.request.session.pop(NEW_TOKEN_SESSION_KEY, None),
            example_url=example_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "revoke":
            Token.objects.filter(user=request.user).delete()
            messages.success(
                request, _("Your API token was revoked: programs using it can no longer sign in.")
            )
        else:
            with transaction.atomic():
                Token.objects.filter(user=request.user).delete()
                token = Token.objects.create(user=request.user)
            request.session[NEW_TOKEN_SESSION_KEY] = token.key
            messages.success(request, _("A new API token was created; any previous token no longer works."))
        return HttpResponseRedirect(reverse("accounts:token"))
