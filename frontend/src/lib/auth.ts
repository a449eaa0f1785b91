// django-allauth headless, browser client: session cookie + CSRF. Not in the OpenAPI schema
// (allauth publishes its own spec), so the few shapes the SPA reads are typed here.
import { ApiError, apiHeaders } from "@/lib/api-client";

const BASE = "/_allauth/browser/v1";

export interface AllauthFlow {
  id: string;
  is_pending?: boolean;
}

export interface AllauthResult {
  status: number;
  authenticated: boolean;
  pendingFlows: string[];
}

interface AllauthError {
  code: string;
  message: string;
  param?: string;
}

interface AllauthBody {
  status?: number;
  errors?: AllauthError[];
  data?: { flows?: AllauthFlow[] };
  meta?: { is_authenticated?: boolean };
}

async function call(method: string, path: string, body?: object): Promise<AllauthResult> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      credentials: "same-origin",
      headers: { ...apiHeaders(method), "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, "network_error", "", {});
  }
  const json = (await response.json().catch(() => ({}))) as AllauthBody;
  if (response.status === 400 || response.status === 403 || response.status === 409 || response.status === 429) {
    const first = json.errors?.[0];
    const details: Record<string, string[]> = {};
    for (const error of json.errors ?? []) {
      details[error.param ?? "non_field_errors"] = [error.message];
    }
    throw new ApiError(response.status, first?.code ?? "auth_error", first?.message ?? "", details);
  }
  const pendingFlows = (json.data?.flows ?? []).filter((f) => f.is_pending).map((f) => f.id);
  return {
    status: response.status,
    authenticated: json.meta?.is_authenticated === true,
    pendingFlows,
  };
}

export const auth = {
  session: () => call("GET", "/auth/session"),
  signup: (email: string, password: string) => call("POST", "/auth/signup", { email, password }),
  login: (email: string, password: string) => call("POST", "/auth/login", { email, password }),
  logout: () => call("DELETE", "/auth/session"),
  verifyEmail: (key: string) => call("POST", "/auth/email/verify", { key }),
  requestPasswordReset: (email: string) => call("POST", "/auth/password/request", { email }),
  resetPassword: (key: string, password: string) =>
    call("POST", "/auth/password/reset", { key, password }),
};
