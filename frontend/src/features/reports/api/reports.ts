import { useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type FiledReport = Schemas["ContentReportOutput"];

const PAGE_SIZE = 20;

/** The cursor of a `next` link (the API answers full URLs; we only pass the cursor back). */
function cursorOf(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  return new URL(next, window.location.origin).searchParams.get("cursor") ?? undefined;
}

/** The reports I filed, newest first, a page at a time. */
export function useMyReports() {
  return useInfiniteQuery({
    queryKey: ["reports", "mine"],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/reports/", {
          params: { query: pageParam ? { cursor: pageParam, page_size: PAGE_SIZE } : { page_size: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (page) => cursorOf(page.next),
  });
}
