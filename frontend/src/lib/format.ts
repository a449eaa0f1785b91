import { useTranslation } from "react-i18next";

import { useMe } from "@/lib/session";

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Minor units → the currency's major units, with its own number of decimals (JPY has 0). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** A major-unit amount typed by a user → integer minor units (never a float in the API). */
export function toMinor(major: string, currency: string): number {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const value = Number(major.replace(",", "."));
  return Number.isFinite(value) ? Math.round(value * 10 ** digits) : Number.NaN;
}

export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(iso),
  );
}

export function formatDate(isoDate: string, locale: string): string {
  // A calendar date has no zone: format it at noon UTC so no zone shifts it a day.
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${isoDate.slice(0, 10)}T12:00:00Z`),
  );
}

/** Integer minor units → the major-unit number a user types (the inverse of toMinor). */
export function toMajor(minor: number, currency: string): number {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return minor / 10 ** digits;
}

/** Formatters bound to the interface language and the user's time zone (browser's for visitors). */
export function useFormat() {
  const { i18n } = useTranslation();
  const me = useMe();
  const locale = i18n.language;
  const timeZone = me.data?.time_zone || browserZone;
  return {
    locale,
    timeZone,
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    dateTime: (iso: string) => formatDateTime(iso, locale, timeZone),
    date: (isoDate: string) => formatDate(isoDate, locale),
  };
}
