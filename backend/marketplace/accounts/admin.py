"""Users (email login, no username) and the outbox of emails, which admin only reads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.access import user_access_refusal
from marketplace.accounts.models import OutboundEmail, User
from marketplace.moderation.admin import ReadOnlyAdminMixin
from marketplace.moderation.admin_queue import SanctionInline, StandingFilter, UserSanctionActions


def _clean_email(form: forms.ModelForm[User]) -> str:
    """Emails are stored lower-case (as `UserManager` does) and unique regardless of case."""
    email = form.cleaned_data["email"].strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=form.instance.pk).exists():
        raise forms.ValidationError(_("A user with that email address already exists."))
    return email


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self) -> str:
        return _clean_email(self)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return _clean_email(self)


class SanctionAwareAdminLoginForm(AdminAuthenticationForm):
    """The admin sign-in says why a suspended or banned user's right password is refused
    (with the refusal's code), instead of "wrong email or password"."""

    def get_invalid_login_error(self) -> forms.ValidationError:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        password = self.cleaned_data.get("password") or ""
        user = User.objects.filter(email=email).first()
        refusal = user_access_refusal(user=user)
        if user is not None and refusal is not None and user.check_password(password):
            return forms.ValidationError(refusal.message, code=refusal.code)
        return super().get_invalid_login_error()


admin.site.login_form = SanctionAwareAdminLoginForm


@admin.register(User)
class UserAdmin(UserSanctionActions, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "language", "time_zone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
        # Set only by the suspend / ban / lift actions (moderation services, audit row).
        (_("Standing"), {"fields": ("suspended_until", "banned_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = (
        "email",
        "full_name",
        "language",
        "time_zone",
        "is_staff",
        "is_active",
        "suspended_until",
        "banned_at",
        "date_joined",
        "last_login",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", StandingFilter, "language", "groups")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    date_hierarchy = "date_joined"
    readonly_fields = ("last_login", "date_joined", "suspended_until", "banned_at")
    actions = ("suspend_users", "ban_users", "lift_users")

    def get_inlines(
        self, request: HttpRequest, obj: User | None
    ) -> list[type[InlineModelAdmin[Any, Any]]]:
        # The sanctions record belongs to an existing user's page, not to the add form.
        return [SanctionInline] if obj is not None else []


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: rows are written by `email_queue` and stamped by the sending task."""

    list_display = ("created_at", "to", "subject", "template", "sent_at", "attempts", "last_error")
    list_filter = ("template", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("to", "subject", "template")
    date_hierarchy = "created_at"
    fields = (
        "to",
        "subject",
        "template",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
        "body_text",
        "body_html",
    )
    readonly_fields = fields
