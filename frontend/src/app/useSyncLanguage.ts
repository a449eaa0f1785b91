import { useEffect } from "react";
import { useTranslation } from "react-i18next";

import { changeLanguage, isLanguage } from "@/lib/i18n";
import { useMe } from "@/lib/session";

/** On sign-in the account's stored language wins over the browser's. */
export function useSyncLanguage(): void {
  const me = useMe();
  const { i18n } = useTranslation();
  const stored = me.data?.language;
  useEffect(() => {
    if (isLanguage(stored) && stored !== i18n.language) void changeLanguage(stored);
    // Only a change of the account's language should switch; the switcher handles the rest.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);
}
