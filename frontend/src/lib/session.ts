import { useQuery } from "@tanstack/react-query";

import { ApiError, api, unwrap, type Schemas } from "@/lib/api-client";

export type Me = Schemas["MeOutput"];

export const meKey = ["me"] as const;

// Whether the session is signed in, as Django told the page (see index.html) and as the SPA
// learns on login/logout; a visitor's /me/ would only answer 403.
let signedIn = document.querySelector('meta[name="ng-signed-in"]')?.getAttribute("content") === "1";

export function setSignedIn(value: boolean): void {
  signedIn = value;
}

/** The signed-in user, or null for a visitor (the API answers 401/403). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      if (!signedIn) return null;
      try {
        return await unwrap(api.GET("/api/v1/me/"));
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          signedIn = false;
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}
