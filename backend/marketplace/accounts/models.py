from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from common.timezones import validate_timezone


class UserQuerySet(models.QuerySet["User"]):
    def update(self, **kwargs: Any) -> int:
        # Bulk updates send no signals: the signed-in users' cached rows are bumped here.
        from marketplace.accounts.session_user import session_users_changed

        ids = list(self.values_list("pk", flat=True))
        updated = super().update(**kwargs)
        session_users_changed(user_ids=ids)
        return updated


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address; may freelance, belong to firms, or both."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    avatar = models.ForeignKey(
        "marketplace.StoredImage",
        verbose_name=_("avatar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Moderation sanctions (set only by `marketplace.moderation.sanctions`): a suspended or
    # banned user cannot sign in or act. `access_revoked_at` is when the last one began; it
    # is part of the session hash, so every session opened before it ends at once.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    banned_at = models.DateTimeField(_("banned at"), null=True, blank=True)
    access_revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("email",)

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, plus the time access was last revoked, if ever.

        A suspension or ban stamps `access_revoked_at`: every session opened before no longer
        matches and Django flushes it on its next request, and it stays ended after the
        sanction is lifted. Users never sanctioned keep Django's hash (their sessions survive).
        """
        if self.access_revoked_at is None:
            # django-stubs does not declare this private helper of AbstractBaseUser.
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        key_salt = "marketplace.accounts.models.User.get_session_auth_hash"
        value = f"{self.password}|{self.access_revoked_at.isoformat()}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class OutboundEmail(models.Model):
    """An email rendered in its recipient's language and queued for sending.

    Persisting first makes sending idempotent: the task takes this row's id, sends once and
    stamps `sent_at`; a redelivered task finds it stamped and does nothing.
    """

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    template = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.template or 'email'} → {self.to}"
