import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { Field } from "@/components/Field";
import { SkillPicker } from "@/components/SkillPicker";
import { ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { toMinor } from "@/lib/format";
import { TimeZoneSelect } from "@/components/TimeZoneSelect";
import {
  useOwnProfile,
  usePayoutAccount,
  usePayoutOnboarding,
  usePublishProfile,
  useSaveProfile,
  type OwnProfile,
  type ProfileInput,
} from "@/features/freelancers/api/profile";

const SPOKEN = ["en", "de", "fr", "es", "it"] as const;
type Proficiency = "basic" | "conversational" | "fluent" | "native";

function initialState(profile: OwnProfile | null, fallbackZone: string) {
  return {
    slug: profile?.slug ?? "",
    headline: profile?.headline ?? "",
    bio: profile?.bio ?? "",
    country: profile?.country ?? "",
    time_zone: profile?.time_zone ?? fallbackZone,
    working_hours_start: profile?.working_hours_start?.slice(0, 5) ?? "09:00",
    working_hours_end: profile?.working_hours_end?.slice(0, 5) ?? "17:00",
    hourly_rate: profile?.hourly_rate_minor != null ? String(profile.hourly_rate_minor / 100) : "",
    rate_currency: profile?.rate_currency ?? "EUR",
    hours_per_week: String(profile?.hours_per_week ?? 40),
    available_from: profile?.available_from ?? "",
    skills: profile?.skills.map((s) => s.slug) ?? [],
    languages: Object.fromEntries(profile?.languages.map((l) => [l.code, l.proficiency]) ?? []) as Record<string, Proficiency>,
  };
}

function PayoutStatus() {
  const { t } = useTranslation();
  const payout = usePayoutAccount();
  const onboard = usePayoutOnboarding();
  if (!payout.data) return null;
  const key = payout.data.ready ? "ready" : payout.data.onboarded ? "pending" : "missing";
  const testMode = payout.data.test_mode;
  return (
    <div className="notice" data-testid="payout-status">
      <p>
        {t(`profile.payout.${key}`)} {testMode && <span className="badge badge--test">{t("payments.testMode")}</span>}
      </p>
      {onboard.error ? <ErrorNotice error={onboard.error} /> : null}
      {!payout.data.ready && (
        <button
          type="button"
          className="button button--secondary"
          disabled={onboard.isPending}
          onClick={() =>
            onboard.mutate(undefined, {
              // Offline (test mode) the account is ready at once; Stripe hosts a form to fill in.
              onSuccess: (link) => {
                if (!testMode && link.url) window.location.assign(link.url);
              },
            })
          }
        >
          {t("profile.payout.setUp")}
        </button>
      )}
    </div>
  );
}

function Editor({ profile, zone }: { profile: OwnProfile | null; zone: string }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => initialState(profile, zone));
  const save = useSaveProfile(profile !== null);
  const publish = usePublishProfile();
  const errors = fieldErrors(save.error);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: ProfileInput = {
      slug: form.slug.trim(),
      headline: form.headline,
      bio: form.bio,
      country: form.country.trim().toUpperCase(),
      time_zone: form.time_zone,
      working_hours_start: form.working_hours_start,
      working_hours_end: form.working_hours_end,
      hourly_rate_minor: form.hourly_rate ? toMinor(form.hourly_rate, form.rate_currency) : null,
      rate_currency: form.rate_currency,
      hours_per_week: Number(form.hours_per_week),
      available_from: form.available_from || null,
      skills: form.skills.map((skill) => ({ skill })),
      languages: Object.entries(form.languages).map(([code, proficiency]) => ({ code, proficiency })),
    };
    save.mutate(body);
  };
  const current = profile ?? save.data ?? null;
  return (
    <form className="card form" onSubmit={submit} noValidate>
      <h1>{current ? t("profile.editTitle") : t("profile.createTitle")}</h1>
      {current && (
        <p>
          <span data-testid="profile-visibility">
            {t(`profile.visibility.${current.visibility}`, { defaultValue: current.visibility })}
          </span>{" "}
          ·{" "}
          <Link to={`/freelancers/${current.slug}`}>{t("profile.viewPublic")}</Link>{" "}
          {current.visibility !== "hidden" && (
            <button type="button" className="button button--secondary" onClick={() => publish.mutate(current.visibility !== "public")}>
              {current.visibility === "public" ? t("profile.unpublish") : t("profile.publish")}
            </button>
          )}
        </p>
      )}
      {publish.error ? <ErrorNotice error={publish.error} /> : null}
      <PayoutStatus />
      {save.error && Object.keys(errors).length === 0 ? <ErrorNotice error={save.error} /> : null}
      {save.isSuccess && <p className="notice" role="status">{t("common.saved")}</p>}
      {!profile && (
        <Field label={t("profile.slug")} hint={t("profile.slugHint")} error={errors["slug"]}>
          {(p) => <input {...p} name="slug" value={form.slug} onChange={set("slug")} />}
        </Field>
      )}
      <Field label={t("profile.headline")} error={errors["headline"]}>
        {(p) => <input {...p} name="headline" value={form.headline} onChange={set("headline")} />}
      </Field>
      <Field label={t("profile.bio")} error={errors["bio"]}>
        {(p) => <textarea {...p} name="bio" rows={5} value={form.bio} onChange={set("bio")} />}
      </Field>
      <div className="row">
        <Field label={t("profile.country")} hint={t("common.countryHint")} error={errors["country"]}>
          {(p) => <input {...p} name="country" maxLength={2} value={form.country} onChange={set("country")} />}
        </Field>
        <Field label={t("common.timeZone")} error={errors["time_zone"]}>
          {(p) => <TimeZoneSelect {...p} value={form.time_zone} onChange={(time_zone) => setForm({ ...form, time_zone })} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t("profile.workStart")} error={errors["working_hours_start"]}>
          {(p) => <input {...p} type="time" value={form.working_hours_start} onChange={set("working_hours_start")} />}
        </Field>
        <Field label={t("profile.workEnd")} error={errors["working_hours_end"]}>
          {(p) => <input {...p} type="time" value={form.working_hours_end} onChange={set("working_hours_end")} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t("profile.hourlyRate")} error={errors["hourly_rate_minor"]}>
          {(p) => <input {...p} name="hourly_rate" inputMode="decimal" value={form.hourly_rate} onChange={set("hourly_rate")} />}
        </Field>
        <Field label={t("common.currency")} error={errors["rate_currency"]}>
          {(p) => (
            <select {...p} value={form.rate_currency} onChange={set("rate_currency")}>
              {["EUR", "USD", "GBP", "CHF"].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("profile.hoursPerWeek")} error={errors["hours_per_week"]}>
          {(p) => <input {...p} type="number" min={1} max={80} value={form.hours_per_week} onChange={set("hours_per_week")} />}
        </Field>
        <Field label={t("profile.availableFrom")} error={errors["available_from"]}>
          {(p) => <input {...p} type="date" value={form.available_from} onChange={set("available_from")} />}
        </Field>
      </div>
      <SkillPicker label={t("profile.skills")} value={form.skills} testId="profile-skills" onChange={(skills) => setForm({ ...form, skills })} error={errors["skills"]} />
      <fieldset>
        <legend>{t("profile.languages")}</legend>
        {SPOKEN.map((code) => (
          <label key={code} className="check">
            <input
              type="checkbox"
              checked={code in form.languages}
              onChange={(event) => {
                const languages = Object.fromEntries(Object.entries(form.languages).filter(([c]) => c !== code));
                if (event.target.checked) languages[code] = "fluent";
                setForm({ ...form, languages });
              }}
            />
            {t(`languages.${code}`)}
          </label>
        ))}
        {errors["languages"] && <small className="error" role="alert">{errors["languages"]}</small>}
      </fieldset>
      <button type="submit" className="button" disabled={save.isPending}>
        {t("common.save")}
      </button>
    </form>
  );
}

export function ProfileEditor({ zone, exists }: { zone: string; exists: boolean }) {
  const own = useOwnProfile(exists);
  if (own.isLoading) return <Loading />;
  if (own.error) return <ErrorNotice error={own.error} />;
  return <Editor profile={own.data ?? null} zone={zone} />;
}
