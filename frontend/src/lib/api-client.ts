import createClient, { type Middleware } from "openapi-fetch";

import type { components, paths } from "@/api/generated/schema";

export type Schemas = components["schemas"];

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Django's CSRF token, from the cookie allauth and the index page set. */
export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match?.[1] ? decodeURIComponent(match[1]) : "";
}

/** The interface language, sent so the API's messages and explanations come back in it. */
let requestLanguage = "en";
export function setRequestLanguage(language: string): void {
  requestLanguage = language;
}

export function apiHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { "Accept-Language": requestLanguage };
  if (UNSAFE.has(method.toUpperCase())) headers["X-CSRFToken"] = csrfToken();
  return headers;
}

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(apiHeaders(request.method))) {
      request.headers.set(name, value);
    }
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window === "undefined" ? "http://localhost" : window.location.origin,
  credentials: "same-origin",
  // Looked up per call, not captured once, so a test can stand in for the network.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(sessionHeaders);

/** The API's one error format, plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field name → first message, for the fields a validation error or a domain error names. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const named = this.details["field"];
    if (typeof named === "string") out[named] = this.message;
    for (const [field, value] of Object.entries(this.details)) {
      if (Array.isArray(value) && typeof value[0] === "string") out[field] = value[0];
      else if (typeof value === "string" && field !== "field") out[field] = value;
    }
    return out;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body["code"] === "string") {
    const details = isRecord(body["details"]) ? body["details"] : {};
    return new ApiError(status, body["code"], String(body["message"] ?? ""), details);
  }
  return new ApiError(status, status >= 500 ? "server_error" : "unknown", "", {});
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the success body or throws ApiError: what TanStack Query wants. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, "network_error", "", {});
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
