import type { TFunction } from "i18next";

import { ApiError } from "@/lib/api-client";

/**
 * A helpful sentence for an error: our own translation of the code when we have one, else the
 * server's message (already in the user's language via Accept-Language), else a generic line.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("errors.unknown");
  const key = `errors.${error.code}`;
  const ours = t(key, { defaultValue: "" });
  if (ours) return ours;
  return error.message || t("errors.unknown");
}

export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}
