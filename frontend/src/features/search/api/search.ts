import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

export interface SearchFilters {
  q?: string;
  skills?: string;
  languages?: string;
  country?: string;
  engagement_type?: string;
  currency?: string;
  /** Freelancers only: hourly rate ceiling in minor units of `currency`. */
  rate_max?: number;
  min_hours_per_week?: number;
  available_by?: string;
  page?: number;
}

const PAGE_SIZE = 12;

export function useGigSearch(filters: SearchFilters) {
  const { rate_max: _rate, min_hours_per_week: _hours, available_by: _available, ...rest } = filters;
  return useQuery({
    queryKey: ["search", "gigs", rest],
    queryFn: () =>
      unwrap(api.GET("/api/v1/search/gigs/", { params: { query: { ...rest, page_size: PAGE_SIZE } } })),
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
