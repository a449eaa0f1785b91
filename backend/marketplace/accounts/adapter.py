"""allauth adapter: new users keep the language they signed up in; every email is rendered
in its recipient's language and leaves through the outbox (sent by Celery after commit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from marketplace.accounts.access import user_access_refusal
from marketplace.accounts.services import email_queue


@dataclass(frozen=True)
class _Site:
    name: str
    domain: str


_SITE = _Site(name="Nanoguild", domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """A suspended or banned user with the right password is told so, with a code.

        Our backends refuse their password; allauth hands back the user it stashed for such a
        refusal, and the login form reports the refusal as an error with its code
        (`account_suspended` / `account_banned`), so the client can say why.
        """
        user = super().authenticate(request, **credentials)
        refusal = user_access_refusal(user=user)
        if refusal is not None:
            raise forms.ValidationError(refusal.message, code=refusal.code)
        return user

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        language = (translation.get_language() or "en")[:2]
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # allauth's templates greet "from {{ current_site.name }}"; without the sites framework
        # that name is the request's host, or nothing when the request came through a proxy.
        context = {**context, "current_site": _SITE}
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "en"
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        email_queue(
            to=email,
            subject=str(message.subject),
            body_text=str(message.body),
            body_html=html,
            template=template_prefix.rsplit("/", 1)[-1],
        )
