"""The moderation queue in Django admin, driven as a moderator would: each bulk action through
the changelist, and its effect on the API, the search index, sign-in and the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import formats, timezone, translation
from tests.chat.conftest import make_inquiry
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory, UserFactory
from tests.factories_flow import open_gig, public_profile
from tests.marketplace.moderation.conftest import QUEUE, run_action

from chat.services import message_send
from marketplace.accounts.models import OutboundEmail, User
from marketplace.moderation.models import ModerationAction, Report, Sanction
from marketplace.moderation.reports import report_create
from matching.backends.base import GigFilters, ProfileFilters
from matching.models import IndexedGig, IndexedProfile
from matching.selectors import search_freelancers, search_gigs
from matching.services import index_gigs_sync, index_profiles_sync

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _report(
    target_kind: str, target: Any, *, by: User | None = None, reason: str = "spam"
) -> Report:
    return report_create(
        by=by or UserFactory.create(), kind=target_kind, object_id=target.pk, reason=reason
    )


def _sign_in_code(user: User) -> str | None:
    """The error code allauth answers a sign-in with the right password (None: signed in)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    client = Client()
    client.get("/_allauth/browser/v1/auth/session")
    response = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    if response.status_code == 200:
        return None
    return str(response.json()["errors"][0]["code"])


def _searchable_profile_ids() -> list[int]:
    """What the search backend (the matching selectors) finds with no filter at all."""
    return [hit.doc["id"] for hit in search_freelancers(filters=ProfileFilters()).hits]


def _searchable_gig_ids() -> list[int]:
    return [hit.doc["id"] for hit in search_gigs(filters=GigFilters()).hits]


def _audit(action: str) -> list[tuple[Any, ...]]:
    return [
        (e.actor, e.reason, e.target)
        for e in ModerationAction.objects.filter(action=action).order_by("id")
    ]


# --- the queue ---------------------------------------------------------------------------------


def test_the_queue_filters_by_status_kind_reason_age_and_owner(
    moderator_client: Client, moderator: Any
) -> None:
    # Given reports of a gig (spam, 10 days old) and of a profile (scam, today), one closed
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)
    profile = public_profile()
    old = _report("gig", gig)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    fresh = _report("profile", profile, reason="scam")
    closed = _report("profile", profile)
    run_action(moderator_client, QUEUE, "dismiss_selected", [closed])

    def listed(**params: str) -> list[int]:
        response = moderator_client.get(QUEUE, params)
        assert response.status_code == 200
        return sorted(r.pk for r in response.context["cl"].result_list)

    # Then each filter narrows the queue as its name says
    assert listed(status__exact="open") == sorted([old.pk, fresh.pk])
    assert listed(kind="gig") == [old.pk]
    assert listed(reason__exact="scam") == [fresh.pk]
    assert listed(age="gt7d") == [old.pk]
    assert listed(age="lt1d") == sorted([fresh.pk, closed.pk])
    assert listed(target_owner__id__exact=str(profile.user_id)) == sorted([fresh.pk, closed.pk])


def test_approve_and_dismiss_close_reports_and_are_logged(
    moderator_client: Client, moderator: Any
) -> None:
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)
    upheld, dismissed = _report("gig", gig), _report("gig", gig)

    run_action(moderator_client, QUEUE, "uphold_selected", [upheld])
    run_action(moderator_client, QUEUE, "dismiss_selected", [dismissed])

    upheld.refresh_from_db()
    dismissed.refresh_from_db()
    assert (upheld.status, upheld.resolved_by) == ("upheld", moderator)
    assert (dismissed.status, dismissed.resolved_by) == ("dismissed", moderator)
    assert _audit("uphold") == [(moderator, "", upheld)]
    assert _audit("dismiss") == [(moderator, "", dismissed)]
    # The gig itself is untouched
    gig.refresh_from_db()
    assert gig.moderation_state == "visible"


# --- hide ----------------------------------------------------------------------------------------


def test_hiding_a_reported_profile_removes_it_from_the_api_and_the_index(
    moderator_client: Client, moderator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a public, indexed profile reported twice
    profile = public_profile()
    index_profiles_sync(profile_ids=[profile.pk])
    assert IndexedProfile.objects.filter(pk=profile.pk).exists()
    assert _searchable_profile_ids() == [profile.pk]
    first, second = _report("profile", profile), _report("profile", profile)

    # When a moderator hides it from the queue, with a reason
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(
            moderator_client, QUEUE, "hide_targets", [first], reason="Fake portfolio"
        )

    # Then it is hidden, gone from the API and the index, both reports closed, one audit row
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.visibility, profile.moderation_reason) == ("hidden", "Fake portfolio")
    anonymous = Client().get(f"/api/v1/freelancers/{profile.slug}/")
    assert (anonymous.status_code, anonymous.json()["code"]) == (404, "not_found")
    assert profile.pk not in [
        p["id"] for p in Client().get("/api/v1/freelancers/").json()["results"]
    ]
    assert not IndexedProfile.objects.filter(pk=profile.pk).exists()
    assert _searchable_profile_ids() == []
    for report in (first, second):
        report.refresh_from_db()
        assert (report.status, report.resolution, report.resolved_by) == (
            "upheld",
            "hide",
            moderator,
        )
    assert _audit("hide") == [(moderator, "Fake portfolio", profile)]


def test_hiding_a_reported_gig_removes_it_from_the_api_and_the_index(
    moderator_client: Client, moderator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)
    index_gigs_sync(gig_ids=[gig.pk])
    assert IndexedGig.objects.filter(pk=gig.pk).exists()
    assert _searchable_gig_ids() == [gig.pk]
    report = _report("gig", gig)

    with django_capture_on_commit_callbacks(execute=True):
        run_action(moderator_client, QUEUE, "hide_targets", [report], reason="Unpaid test work")

    assert Client().get(f"/api/v1/gigs/{gig.pk}/").status_code == 404
    assert gig.pk not in [g["id"] for g in Client().get("/api/v1/gigs/").json()["results"]]
    assert not IndexedGig.objects.filter(pk=gig.pk).exists()
    assert _searchable_gig_ids() == []
    assert _audit("hide") == [(moderator, "Unpaid test work", gig)]


def test_hiding_a_reported_firm_hides_its_page_from_outsiders(
    moderator_client: Client, moderator: Any
) -> None:
    owner = FirmMembershipFactory.create(role="owner").user
    firm = owner.firms.get()
    report = _report("firm", firm)

    run_action(moderator_client, QUEUE, "hide_targets", [report], reason="Shell company")

    url = f"/api/v1/firms/{firm.slug}/"
    assert Client().get(url).status_code == 404
    assert client_for(UserFactory.create()).get(url).status_code == 404
    assert client_for(owner).get(url).status_code == 200  # its members still see it
    firm.refresh_from_db()
    assert (firm.moderation_state, firm.moderation_reason) == ("hidden", "Shell company")
    assert _audit("hide") == [(moderator, "Shell company", firm)]


def test_hiding_a_reported_message_drops_it_from_the_history(
    moderator_client: Client, moderator: Any
) -> None:
    inquiry = make_inquiry()
    message, _ = message_send(
        conversation_id=inquiry.conversation.pk,
        by=inquiry.freelancer,
        text="pay me outside",
        client_message_id="m1",
    )
    report = _report("message", message, by=inquiry.owner)

    run_action(moderator_client, QUEUE, "hide_targets", [report], reason="Off-platform payment")

    history = client_for(inquiry.owner).get(
        f"/api/v1/conversations/{inquiry.conversation.pk}/messages/"
    )
    assert history.json()["results"] == []
    report.refresh_from_db()
    assert (report.status, report.resolution) == ("upheld", "hide")
    assert _audit("hide") == [(moderator, "Off-platform payment", message)]


def test_hiding_needs_a_reason_and_changes_nothing_without_one(moderator_client: Client) -> None:
    profile = public_profile()
    report = _report("profile", profile)

    asked = run_action(moderator_client, QUEUE, "hide_targets", [report])
    blank = run_action(moderator_client, QUEUE, "hide_targets", [report], reason=" ")

    assert asked.status_code == blank.status_code == 200
    assert asked.templates[0].name == "admin/marketplace/moderation_reason.html"
    assert blank.context["form"].errors == {"reason": ["This field is required."]}
    profile.refresh_from_db()
    report.refresh_from_db()
    assert (profile.visibility, report.status) == ("public", "open")
    assert ModerationAction.objects.count() == 0


# --- warn, suspend, ban --------------------------------------------------------------------------


def test_warning_the_owner_records_it_and_emails_them(
    moderator_client: Client, moderator: Any
) -> None:
    profile = public_profile()
    report = _report("profile", profile)

    run_action(moderator_client, QUEUE, "warn_owners", [report], reason="Keep it civil")

    sanction = Sanction.objects.get()
    assert (
        sanction.user,
        sanction.kind,
        sanction.reason,
        sanction.report,
        sanction.created_by,
    ) == (
        profile.user,
        "warning",
        "Keep it civil",
        report,
        moderator,
    )
    email = OutboundEmail.objects.get(to=profile.user.email)
    assert email.template == "moderation/warning"
    assert "Keep it civil" in email.body_text
    assert _audit("warn") == [(moderator, "Keep it civil", profile.user)]
    # A warning does not change access
    assert _sign_in_code(profile.user) is None


def test_suspending_the_owner_refuses_sign_in_and_writes_for_the_days_chosen(
    moderator_client: Client, moderator: Any
) -> None:
    # Given a German freelancer in Berlin whose profile was reported
    profile = public_profile(user__language="de", user__time_zone="Europe/Berlin")
    owner = profile.user
    report = _report("profile", profile)
    before = timezone.now()

    # When a moderator suspends the owner for 3 days from the queue
    run_action(moderator_client, QUEUE, "suspend_owners", [report], reason="Spam", days="3")

    # Then the suspension runs 3 days, sign-in and API writes are refused with its code
    owner.refresh_from_db()
    assert owner.suspended_until is not None
    assert before + timedelta(days=3) <= owner.suspended_until <= timezone.now() + timedelta(days=3)
    assert _sign_in_code(owner) == "account_suspended"
    session = Client()
    session.force_login(owner)
    refused = session.patch("/api/v1/me/", {"full_name": "New"}, content_type="application/json")
    assert (refused.status_code, refused.json()["code"]) == (403, "account_suspended")
    owner.refresh_from_db()
    assert owner.full_name != "New"
    # And the audit row says who, why and until when; the email gives the end in German format,
    # in the user's time zone
    [entry] = ModerationAction.objects.filter(action="suspend")
    assert (entry.actor, entry.reason, entry.target) == (moderator, "Spam", owner)
    assert entry.details == {
        "report_id": report.pk,
        "until": owner.suspended_until.isoformat(),
        "days": 3,
    }
    with translation.override("de"):
        local_end = formats.date_format(
            timezone.localtime(owner.suspended_until, timezone=_berlin()), "DATETIME_FORMAT"
        )
    assert f"{local_end} (Europe/Berlin)" in OutboundEmail.objects.get(to=owner.email).body_text


def _berlin() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Berlin")


def test_banning_the_owner_refuses_sign_in_and_hides_their_profile_from_search(
    moderator_client: Client, moderator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    profile = public_profile()
    index_profiles_sync(profile_ids=[profile.pk])
    report = _report("profile", profile)

    with django_capture_on_commit_callbacks(execute=True):
        run_action(moderator_client, QUEUE, "ban_owners", [report], reason="Stolen identity")

    profile.user.refresh_from_db()
    assert profile.user.banned_at is not None
    assert _sign_in_code(profile.user) == "account_banned"
    assert not IndexedProfile.objects.filter(pk=profile.pk).exists()
    assert _searchable_profile_ids() == []
    assert Client().get(f"/api/v1/freelancers/{profile.slug}/").status_code == 404
    assert _audit("ban") == [(moderator, "Stolen identity", profile.user)]
    assert _audit("hide") == [(moderator, "Stolen identity", profile)]
    report.refresh_from_db()
    assert (report.status, report.resolution) == ("upheld", "ban")


# --- who may act ---------------------------------------------------------------------------------


def test_staff_without_the_moderator_role_cannot_work_the_queue() -> None:
    # Given a staff member who may view reports (a model permission) but is not a moderator
    staff = UserFactory.create(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_report"))
    profile = public_profile()
    report = _report("profile", profile)
    client = Client()
    client.force_login(staff)

    # Then the queue opens without the moderation actions …
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [report]
    assert "hide_targets" not in page.content.decode()
    # … and posting one anyway changes nothing
    for action, confirm in (
        ("hide_targets", {"reason": "x"}),
        ("ban_owners", {"reason": "x"}),
        ("dismiss_selected", {}),
    ):
        run_action(client, QUEUE, action, [report], **confirm)
    report.refresh_from_db()
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (report.status, profile.visibility, profile.user.banned_at) == ("open", "public", None)
    assert ModerationAction.objects.count() == 0


def test_a_moderator_sees_the_queue_and_its_actions(moderator_client: Client) -> None:
    report = _report("profile", public_profile())

    page = moderator_client.get(QUEUE)

    assert page.status_code == 200
    html = page.content.decode()
    for action in ("uphold_selected", "dismiss_selected", "hide_targets", "warn_owners"):
        assert f'value="{action}"' in html
    assert 'value="suspend_owners"' in html
    assert 'value="ban_owners"' in html
    assert f'value="{report.pk}"' in html


def test_chat_message_admin_counts_the_queues_reports(moderator_client: Client) -> None:
    # Given a message reported twice through the queue
    inquiry = make_inquiry()
    message, _ = message_send(
        conversation_id=inquiry.conversation.pk,
        by=inquiry.freelancer,
        text="rude",
        client_message_id="m1",
    )
    _report("message", message, by=inquiry.owner)
    _report("message", message, by=inquiry.member)

    # Then the moderator's message list shows both
    page = moderator_client.get("/admin/chat/message/")

    assert page.status_code == 200
    [row] = page.context["cl"].result_list
    assert row.report_count == 2


def test_a_hidden_firm_is_restored_from_its_admin(moderator_client: Client, moderator: Any) -> None:
    firm = FirmMembershipFactory.create(role="owner").firm
    run_action(moderator_client, "/admin/marketplace/firm/", "hide_selected", [firm], reason="x")

    run_action(moderator_client, "/admin/marketplace/firm/", "restore_selected", [firm])

    firm.refresh_from_db()
    assert (firm.moderation_state, firm.moderation_reason) == ("visible", "")
    assert Client().get(f"/api/v1/firms/{firm.slug}/").status_code == 200
    assert [e.action for e in ModerationAction.objects.order_by("id")] == ["hide", "publish"]
