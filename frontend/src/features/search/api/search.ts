import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

export interface SearchFilters {
  q?: string;
  skills?: string;
  languages?: string;
  country?: string;
  engagement_type?: string;
  currency?: string;
  page?: number;
}

const PAGE_SIZE = 12;

export function useGigSearch(filters: SearchFilters) {
  return useQuery({
    queryKey: ["search", "gigs", filters],
    queryFn: () =>
      unwrap(api.GET("/api/v1/search/gigs/", { params: { query: { ...filters, page_size: PAGE_SIZE } } })),
    placeholderData: (previous) => previous,
  });
}

export function useFreelancerSearch(filters: SearchFilters) {
  const { engagement_type: _unused, ...rest } = filters;
  return useQuery({
    queryKey: ["search", "freelancers", rest],
    queryFn: () =>
      unwrap(api.GET("/api/v1/search/freelancers/", { params: { query: { ...rest, page_size: PAGE_SIZE } } })),
    placeholderData: (previous) => previous,
  });
}
