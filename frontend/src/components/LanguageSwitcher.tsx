import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { api, unwrap } from "@/lib/api-client";
import { LANGUAGES, changeLanguage, isLanguage } from "@/lib/i18n";
import { meKey, useMe } from "@/lib/session";

const NAMES: Record<string, string> = { en: "English", de: "Deutsch", fr: "Français" };

/** Switches the interface; a signed-in user's choice is stored on their account too. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (language: "en" | "de" | "fr") =>
      unwrap(api.PATCH("/api/v1/me/", { body: { language } })),
    onSuccess: (data) => client.setQueryData(meKey, data),
  });
  return (
    <label className="lang">
      <span className="sr-only">{t("nav.language")}</span>
      <select
        value={i18n.language}
        data-testid="language-switcher"
        onChange={async (event) => {
          const language = event.target.value;
          if (!isLanguage(language)) return;
          await changeLanguage(language);
          if (me.data) save.mutate(language);
          void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "me" });
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
