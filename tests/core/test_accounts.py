"""Accounts: sign-in and sign-out, password reset by e-mail, password change, the API token page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from intercity.core.choices import Role
from tests.factories import UserFactory, WorkspaceFactory, WorkspaceMemberFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_in_goes_to_the_workspace_list_which_opens_the_only_workspace(client):
    member = WorkspaceMemberFactory(role=Role.VIEWER)
    response = sign_in(client, member.user.username)
    assert response.status_code == 302
    assert response.url == reverse("workspace:list")
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url == reverse("workspace:home", kwargs={"workspace": member.workspace.slug})


def test_the_workspace_list_shows_each_workspace_with_the_users_role(client):
    user = UserFactory()
    WorkspaceMemberFactory(user=user, role=Role.OWNER, workspace=WorkspaceFactory(name="Office Alpha"))
    WorkspaceMemberFactory(user=user, role=Role.VIEWER, workspace=WorkspaceFactory(name="Office Beta"))
    WorkspaceFactory(name="Office Gamma")
    client.force_login(user)
    content = client.get(reverse("workspace:list")).content.decode()
    assert "Office Alpha" in content and "Office Beta" in content
    assert "Office Gamma" not in content
    assert re.search(r"Office Alpha</a></td>.*?<td>Owner</td>", content, re.S)
    assert re.search(r"Office Beta</a></td>.*?<td>Viewer</td>", content, re.S)


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(client):
    user = UserFactory()
    response = sign_in(client, user.username, "not-the-password")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_public_pages_offer_sign_in_to_visitors_and_a_sign_out_form_to_users(client):
    anonymous = client.get(reverse("attributions")).content.decode()
    assert reverse("accounts:login") in anonymous
    # Anonymous pages are cached whole: no CSRF token may end up in them.
    assert "csrfmiddlewaretoken" not in anonymous
    client.force_login(UserFactory(username="officer-menu"))
    signed_in = client.get(reverse("attributions")).content.decode()
    assert f'action="{reverse("accounts:logout")}"' in signed_in
    assert "csrfmiddlewaretoken" in signed_in
    assert reverse("accounts:token") in signed_in and reverse("workspace:list") in signed_in


def test_the_login_form_needs_its_csrf_token():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="office@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "office@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["office@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/\S+/)", message.body).group(1)
    # Django swaps the token for a session marker and redirects to the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a-brand-new-password-42", "new_password2": "a-brand-new-password-42"}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a-brand-new-password-42")
    # The link works once.
    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    UserFactory(email="office@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")
    new = {"new_password1": "another-long-password-7", "new_password2": "another-long-password-7"}
    response = client.post(url, {"old_password": "wrong", **new})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    response = client.post(url, {"old_password": PASSWORD, **new})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("another-long-password-7")


def test_the_token_page_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:token"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert client.post(reverse("accounts:token")).status_code == 302
    assert not Token.objects.exists()


def test_a_token_made_on_the_page_is_shown_once_and_authenticates_the_api(client):
    member = WorkspaceMemberFactory(role=Role.VIEWER)
    client.force_login(member.user)
    assert "You have no API token yet" in client.get(reverse("accounts:token")).content.decode()
    response = client.post(reverse("accounts:token"), {"action": "create"}, follow=True)
    key = Token.objects.get(user=member.user).key
    content = response.content.decode()
    assert key in content
    assert f"/api/workspaces/{member.workspace.slug}/memberships/" in content
    assert key not in client.get(reverse("accounts:token")).content.decode()

    api_url = f"/api/workspaces/{member.workspace.slug}/memberships/"
    api = Client()
    assert api.get(api_url, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert api.get(api_url, HTTP_AUTHORIZATION="Token not-a-key").status_code in (401, 403)


def test_regenerating_replaces_the_token_and_revoking_removes_it(client):
    user = UserFactory()
    old = Token.objects.create(user=user)
    client.force_login(user)
    client.post(reverse("accounts:token"), {"action": "create"})
    new = Token.objects.get(user=user)
    assert new.key != old.key
    client.post(reverse("accounts:token"), {"action": "revoke"})
    assert not Token.objects.filter(user=user).exists()


def test_the_token_page_refuses_a_post_without_its_csrf_token():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(reverse("accounts:token"), {"action": "create"}).status_code == 403
    assert not Token.objects.filter(user=user).exists()
