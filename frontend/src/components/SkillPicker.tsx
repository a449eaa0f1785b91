import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { api, unwrap } from "@/lib/api-client";

interface SkillPickerProps {
  label: string;
  value: string[];
  onChange: (slugs: string[]) => void;
  error?: string | undefined;
  testId?: string;
}

/** Skill autocomplete over /skills/suggest/ (labels and aliases in en/de/fr); a chip per skill. */
export function SkillPicker({ label, value, onChange, error, testId }: SkillPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const suggestions = useQuery({
    queryKey: ["skills", "suggest", query],
    queryFn: () =>
      unwrap(api.GET("/api/v1/skills/suggest/", { params: { query: { q: query.trim(), limit: 8 } } })),
    enabled: query.trim().length >= 2,
    staleTime: 300_000,
  });
  const options = (suggestions.data ?? []).filter((s) => !value.includes(s.slug));
  const add = (slug: string) => {
    onChange([...value, slug]);
    setQuery("");
    setActive(0);
  };
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <ul className="chips" aria-label={label}>
        {value.map((slug) => (
          <li key={slug} className="chip">
            {slug}
            <button type="button" aria-label={t("common.remove", { name: slug })} onClick={() => onChange(value.filter((s) => s !== slug))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        data-testid={testId}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        value={query}
        placeholder={t("skills.placeholder")}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setActive((n) => Math.min(n + 1, options.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((n) => Math.max(n - 1, 0));
          } else if (event.key === "Enter" && options[active]) {
            event.preventDefault();
            add(options[active].slug);
          }
        }}
      />
      {options.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="suggestions">
          {options.map((option, index) => (
            <li
              key={option.slug}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                add(option.slug);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
