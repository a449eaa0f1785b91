import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { SkillPicker } from "@/components/SkillPicker";
import { ErrorNotice } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { toMinor } from "@/lib/format";
import type { Gig, GigInput } from "@/features/gigs/api/gigs";

type Engagement = GigInput["engagement_type"];
type LocationType = NonNullable<GigInput["location_type"]>;
const ENGAGEMENTS: Engagement[] = ["fixed", "hourly", "retainer"];
const LOCATIONS: LocationType[] = ["remote", "onsite", "hybrid"];
const SPOKEN = ["en", "de", "fr", "es", "it"] as const;

interface GigFormProps {
  firm: string;
  gig?: Gig | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (body: GigInput) => void;
}

function major(minor: number | undefined): string {
  return minor === undefined ? "" : String(minor / 100);
}

export function GigForm({ firm, gig, pending, error, onSubmit }: GigFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    title: gig?.title ?? "",
    description: gig?.description ?? "",
    engagement_type: gig?.engagement_type ?? ("fixed" as Engagement),
    budget_min: major(gig?.budget_min_minor),
    budget_max: major(gig?.budget_max_minor),
    currency: gig?.currency ?? "EUR",
    required_skills: gig?.required_skills.map((s) => s.slug) ?? [],
    nice_skills: gig?.nice_skills.map((s) => s.slug) ?? [],
    languages: gig?.languages ?? [],
    hours_per_week: gig?.hours_per_week != null ? String(gig.hours_per_week) : "",
    duration_weeks: gig?.duration_weeks != null ? String(gig.duration_weeks) : "",
    start_date: gig?.start_date ?? "",
    timezone_overlap_hours: String(gig?.timezone_overlap_hours ?? 0),
    location_type: gig?.location_type ?? ("remote" as LocationType),
    location_country: gig?.location_country ?? "",
    location_city: gig?.location_city ?? "",
  });
  const errors = fieldErrors(error);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const budgetError = errors["budget_min_minor"] ?? errors["budget_max_minor"] ?? errors["budget"];
  return (
    <form
      className="card form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({
          firm,
          title: form.title,
          description: form.description,
          engagement_type: form.engagement_type,
          budget_min_minor: toMinor(form.budget_min || "0", form.currency),
          budget_max_minor: toMinor(form.budget_max || "0", form.currency),
          currency: form.currency,
          required_skills: form.required_skills,
          nice_skills: form.nice_skills,
          languages: form.languages,
          hours_per_week: form.hours_per_week ? Number(form.hours_per_week) : null,
          duration_weeks: form.duration_weeks ? Number(form.duration_weeks) : null,
          start_date: form.start_date || null,
          timezone_overlap_hours: Number(form.timezone_overlap_hours || "0"),
          location_type: form.location_type,
          location_country: form.location_country.trim().toUpperCase(),
          location_city: form.location_city,
        });
      }}
    >
      {error && Object.keys(errors).length === 0 ? <ErrorNotice error={error} /> : null}
      <Field label={t("gig.title")} error={errors["title"]}>
        {(p) => <input {...p} name="title" value={form.title} onChange={set("title")} />}
      </Field>
      <Field label={t("gig.description")} error={errors["description"]}>
        {(p) => <textarea {...p} name="description" rows={6} value={form.description} onChange={set("description")} />}
      </Field>
      <div className="row">
        <Field label={t("gig.engagementType")} error={errors["engagement_type"]}>
          {(p) => (
            <select {...p} value={form.engagement_type} onChange={(e) => setForm({ ...form, engagement_type: e.target.value as Engagement })}>
              {ENGAGEMENTS.map((value) => (
                <option key={value} value={value}>
                  {t(`gig.engagement.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("gig.budgetMin")} error={budgetError}>
          {(p) => <input {...p} name="budget_min" inputMode="decimal" value={form.budget_min} onChange={set("budget_min")} />}
        </Field>
        <Field label={t("gig.budgetMax")} error={errors["budget_max_minor"]}>
          {(p) => <input {...p} name="budget_max" inputMode="decimal" value={form.budget_max} onChange={set("budget_max")} />}
        </Field>
        <Field label={t("common.currency")} error={errors["currency"]}>
          {(p) => (
            <select {...p} value={form.currency} onChange={set("currency")}>
              {["EUR", "USD", "GBP", "CHF"].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <SkillPicker label={t("gig.requiredSkills")} testId="gig-required-skills" value={form.required_skills} onChange={(required_skills) => setForm({ ...form, required_skills })} error={errors["required_skills"]} />
      <SkillPicker label={t("gig.niceSkills")} value={form.nice_skills} onChange={(nice_skills) => setForm({ ...form, nice_skills })} error={errors["nice_skills"]} />
      <fieldset>
        <legend>{t("gig.languages")}</legend>
        {SPOKEN.map((code) => (
          <label key={code} className="check">
            <input
              type="checkbox"
              checked={form.languages.includes(code)}
              onChange={(e) =>
                setForm({ ...form, languages: e.target.checked ? [...form.languages, code] : form.languages.filter((c) => c !== code) })
              }
            />
            {t(`languages.${code}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Field label={t("gig.hoursPerWeek")} error={errors["hours_per_week"]}>
          {(p) => <input {...p} type="number" min={1} value={form.hours_per_week} onChange={set("hours_per_week")} />}
        </Field>
        <Field label={t("gig.durationWeeks")} error={errors["duration_weeks"]}>
          {(p) => <input {...p} type="number" min={1} value={form.duration_weeks} onChange={set("duration_weeks")} />}
        </Field>
        <Field label={t("gig.startDate")} error={errors["start_date"]}>
          {(p) => <input {...p} type="date" value={form.start_date} onChange={set("start_date")} />}
        </Field>
        <Field label={t("gig.overlap")} error={errors["timezone_overlap_hours"]}>
          {(p) => <input {...p} type="number" min={0} max={12} value={form.timezone_overlap_hours} onChange={set("timezone_overlap_hours")} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t("gig.locationType")} error={errors["location_type"]}>
          {(p) => (
            <select {...p} value={form.location_type} onChange={(e) => setForm({ ...form, location_type: e.target.value as LocationType })}>
              {LOCATIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`gig.location.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("profile.country")} hint={t("common.countryHint")} error={errors["location_country"]}>
          {(p) => <input {...p} maxLength={2} value={form.location_country} onChange={set("location_country")} />}
        </Field>
        <Field label={t("gig.city")} error={errors["location_city"]}>
          {(p) => <input {...p} value={form.location_city} onChange={set("location_city")} />}
        </Field>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {gig ? t("common.save") : t("gig.saveDraft")}
      </button>
    </form>
  );
}
