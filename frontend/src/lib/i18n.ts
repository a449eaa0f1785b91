import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import { setRequestLanguage } from "@/lib/api-client";
import en from "@/locales/en.json";

export const LANGUAGES = ["en", "de", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "ng-language";

export function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.includes(value as Language);
}

/** A stored choice first, then the browser's preferences, then English. */
export function detectLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return "en";
}

// German and French load on demand: a visitor downloads only their own catalogue.
const loaders: Record<Exclude<Language, "en">, () => Promise<{ default: typeof en }>> = {
  de: () => import("@/locales/de.json"),
  fr: () => import("@/locales/fr.json"),
};

export async function changeLanguage(language: Language): Promise<void> {
  if (language !== "en" && !i18n.hasResourceBundle(language, "translation")) {
    const { default: resources } = await loaders[language]();
    i18n.addResourceBundle(language, "translation", resources);
  }
  localStorage.setItem(STORAGE_KEY, language);
  setRequestLanguage(language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export async function initI18n(language: Language = detectLanguage()): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: "en",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await changeLanguage(language);
  return i18n;
}
