import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { toMajor, toMinor } from "@/lib/format";
import type { SearchFilters } from "@/features/search/api/search";

export type Refinement = Pick<SearchFilters, "rate_max" | "currency" | "min_hours_per_week" | "available_by">;

/** Rate, weekly hours and availability: typed values, applied together (not on every key). The
 * rate is in the chosen currency facet's units, EUR when none is chosen (the API needs one). */
export function FreelancerRefine({ filters, onApply }: { filters: SearchFilters; onApply: (next: Refinement) => void }) {
  const { t } = useTranslation();
  const currency = filters.currency ?? "EUR";
  const [rate, setRate] = useState(filters.rate_max !== undefined ? String(toMajor(filters.rate_max, currency)) : "");
  const [hours, setHours] = useState(filters.min_hours_per_week !== undefined ? String(filters.min_hours_per_week) : "");
  const [availableBy, setAvailableBy] = useState(filters.available_by ?? "");
  return (
    <form
      className="facets"
      aria-label={t("search.refine")}
      onSubmit={(event) => {
        event.preventDefault();
        const rateMinor = rate.trim() ? toMinor(rate, currency) : Number.NaN;
        const hoursValue = Number(hours);
        onApply({
          rate_max: Number.isFinite(rateMinor) ? rateMinor : undefined,
          currency: Number.isFinite(rateMinor) ? currency : filters.currency,
          min_hours_per_week: hours.trim() && Number.isInteger(hoursValue) ? hoursValue : undefined,
          available_by: availableBy || undefined,
        });
      }}
    >
      <Field label={t("search.rateMax", { currency })}>
        {(p) => <input {...p} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />}
      </Field>
      <Field label={t("search.minHours")}>
        {(p) => <input {...p} type="number" min={1} max={80} value={hours} onChange={(e) => setHours(e.target.value)} />}
      </Field>
      <Field label={t("search.availableBy")}>
        {(p) => <input {...p} type="date" value={availableBy} onChange={(e) => setAvailableBy(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--secondary">
        {t("search.apply")}
      </button>
    </form>
  );
}
