import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { ErrorNotice } from "@/components/States";
import { TimeZoneSelect } from "@/components/TimeZoneSelect";
import { fieldErrors } from "@/lib/errors";
import type { FirmInput } from "@/features/firms/api/firms";

type Size = NonNullable<FirmInput["size"]>;
const SIZES: Size[] = ["solo", "2-10", "11-50", "51+"];

interface FirmFormProps {
  initial: FirmInput;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: FirmInput) => void;
}

export function FirmForm({ initial, submitLabel, pending, error, onSubmit }: FirmFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FirmInput>(initial);
  const errors = fieldErrors(error);
  const set = (field: keyof FirmInput) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  return (
    <form
      className="card form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ ...form, country: form.country.trim().toUpperCase() });
      }}
    >
      {error && Object.keys(errors).length === 0 ? <ErrorNotice error={error} /> : null}
      <Field label={t("firm.name")} error={errors["name"]}>
        {(p) => <input {...p} name="name" value={form.name} onChange={set("name")} />}
      </Field>
      <Field label={t("firm.description")} error={errors["description"]}>
        {(p) => <textarea {...p} rows={4} value={form.description ?? ""} onChange={set("description")} />}
      </Field>
      <div className="row">
        <Field label={t("profile.country")} hint={t("common.countryHint")} error={errors["country"]}>
          {(p) => <input {...p} name="country" maxLength={2} value={form.country} onChange={set("country")} />}
        </Field>
        <Field label={t("common.timeZone")} error={errors["time_zone"]}>
          {(p) => <TimeZoneSelect {...p} value={form.time_zone ?? "UTC"} onChange={(time_zone) => setForm({ ...form, time_zone })} />}
        </Field>
        <Field label={t("firm.size")} error={errors["size"]}>
          {(p) => (
            <select {...p} value={form.size ?? "solo"} onChange={(e) => setForm({ ...form, size: e.target.value as Size })}>
              {SIZES.map((size) => (
                <option key={size} value={size}>
                  {t(`firm.sizes.${size}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t("firm.website")} error={errors["website"]}>
        {(p) => <input {...p} type="url" value={form.website ?? ""} onChange={set("website")} />}
      </Field>
      <button type="submit" className="button" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
