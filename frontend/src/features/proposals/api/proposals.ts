import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Proposal = Schemas["ProposalOutput"];
export type ProposalInput = Schemas["ProposalCreateInputRequest"];

/** The signed-in freelancer's proposals (optionally on one gig). */
export function useMyProposals(gigId?: number) {
  return useQuery({
    queryKey: ["proposals", "mine", gigId ?? "all"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/proposals/", { params: { query: gigId ? { gig: gigId, page_size: 50 } : { page_size: 50 } } })),
  });
}

/** Every proposal on a gig, for its firm. */
export function useGigProposals(gigId: number) {
  return useQuery({
    queryKey: ["proposals", "gig", gigId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/gigs/{gig_id}/proposals/", { params: { path: { gig_id: gigId }, query: { page_size: 100 } } })),
  });
}

function useInvalidateProposals() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["proposals"] });
}

export function useSubmitProposal(gigId: number) {
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: (body: ProposalInput) =>
      unwrap(api.POST("/api/v1/gigs/{gig_id}/proposals/", { params: { path: { gig_id: gigId } }, body })),
    onSuccess: invalidate,
  });
}

export function useEditProposal(id: number) {
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: (body: Partial<ProposalInput>) =>
      unwrap(api.PATCH("/api/v1/proposals/{proposal_id}/", { params: { path: { proposal_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export type ProposalDecision = "withdraw" | "shortlist" | "decline";

export function useProposalDecision() {
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: ProposalDecision }) => {
      const params = { params: { path: { proposal_id: id } } };
      if (action === "withdraw") return unwrap(api.POST("/api/v1/proposals/{proposal_id}/withdraw/", params));
      if (action === "shortlist") return unwrap(api.POST("/api/v1/proposals/{proposal_id}/shortlist/", params));
      return unwrap(api.POST("/api/v1/proposals/{proposal_id}/decline/", params));
    },
    onSuccess: invalidate,
  });
}

export function useAcceptProposal() {
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: ({ id, milestones }: { id: number; milestones: Schemas["MilestoneInputRequest"][] }) =>
      unwrap(api.POST("/api/v1/proposals/{proposal_id}/accept/", { params: { path: { proposal_id: id } }, body: { milestones } })),
    onSuccess: invalidate,
  });
}
