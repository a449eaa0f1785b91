import { useTranslation } from "react-i18next";

interface Bucket {
  value: string;
  count: number;
  label?: string;
}

interface FacetsProps {
  facets: Record<string, Bucket[]>;
  selected: Record<string, string | undefined>;
  onToggle: (facet: string, value: string) => void;
}

const MULTI = new Set(["skills", "languages"]);

/** A facet value as people read it: translated enums, language and country names via Intl. */
function useValueLabel() {
  const { t, i18n } = useTranslation();
  const regions = new Intl.DisplayNames([i18n.language], { type: "region" });
  const languages = new Intl.DisplayNames([i18n.language], { type: "language" });
  return (facet: string, bucket: Bucket): string => {
    try {
      if (facet === "engagement_type") return t(`gig.engagement.${bucket.value}`);
      if (facet === "location_type") return t(`gig.location.${bucket.value}`);
      if (facet === "country" && /^[A-Z]{2}$/.test(bucket.value)) return regions.of(bucket.value) ?? bucket.value;
      if (facet === "languages" && /^[a-z]{2}$/.test(bucket.value)) return languages.of(bucket.value) ?? bucket.value;
    } catch {
      // An unknown code: show it as is.
    }
    return bucket.label ?? bucket.value;
  };
}

export function isSelected(selected: string | undefined, value: string, facet: string): boolean {
  if (!selected) return false;
  return MULTI.has(facet) ? selected.split(",").includes(value) : selected === value;
}

/** Counts per facet value; a checkbox per value, so the filter is keyboard-operable. */
export function Facets({ facets, selected, onToggle }: FacetsProps) {
  const { t } = useTranslation();
  const label = useValueLabel();
  return (
    <aside className="facets" aria-label={t("search.filters")}>
      {Object.entries(facets).map(([facet, buckets]) =>
        buckets.length === 0 ? null : (
          <fieldset key={facet}>
            <legend>{t(`search.facet.${facet}`, { defaultValue: facet })}</legend>
            {buckets.slice(0, 10).map((bucket) => (
              <label key={bucket.value} className="check">
                <input
                  type="checkbox"
                  checked={isSelected(selected[facet], bucket.value, facet)}
                  onChange={() => onToggle(facet, bucket.value)}
                />
                {label(facet, bucket)}{" "}
                <span className="count">{bucket.count}</span>
              </label>
            ))}
          </fieldset>
        ),
      )}
    </aside>
  );
}

export function toggleFacet(current: string | undefined, value: string, facet: string): string | undefined {
  if (!MULTI.has(facet)) return current === value ? undefined : value;
  const values = new Set((current ?? "").split(",").filter(Boolean));
  if (values.has(value)) values.delete(value);
  else values.add(value);
  return values.size ? [...values].join(",") : undefined;
}
