import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type ContractReviews = Schemas["ContractReviewsOutput"];
export type Review = Schemas["ReviewOutput"];
export type RatingSummary = Schemas["RatingSummaryOutput"];
export type ReviewInput = Schemas["ReviewCreateInputRequest"];

export function useContractReviews(contractId: number, enabled: boolean) {
  return useQuery({
    queryKey: ["contract-reviews", contractId],
    enabled,
    queryFn: () =>
      unwrap(api.GET("/api/v1/contracts/{contract_id}/reviews/", { params: { path: { contract_id: contractId } } })),
  });
}

export function useWriteReview(contractId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewInput) =>
      unwrap(api.POST("/api/v1/contracts/{contract_id}/reviews/", { params: { path: { contract_id: contractId } }, body })),
    onSuccess: (reviews) => client.setQueryData(["contract-reviews", contractId], reviews),
  });
}

/** Published reviews about a freelancer (by firms) or a firm (by freelancers), newest first. */
export function usePublishedReviews(about: "freelancer" | "firm", slug: string) {
  return useQuery({
    queryKey: ["reviews", about, slug],
    queryFn: () =>
      about === "firm"
        ? unwrap(api.GET("/api/v1/firms/{slug}/reviews/", { params: { path: { slug }, query: { page_size: 20 } } }))
        : unwrap(api.GET("/api/v1/freelancers/{slug}/reviews/", { params: { path: { slug }, query: { page_size: 20 } } })),
  });
}
