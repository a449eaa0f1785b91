import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Gig = Schemas["GigOutput"];
export type GigInput = Schemas["GigCreateInputRequest"];

const gigKey = (id: number) => ["gig", id] as const;

export function useGig(id: number) {
  return useQuery({
    queryKey: gigKey(id),
    queryFn: () => unwrap(api.GET("/api/v1/gigs/{gig_id}/", { params: { path: { gig_id: id } } })),
  });
}

export function useCreateGig() {
  return useMutation({ mutationFn: (body: GigInput) => unwrap(api.POST("/api/v1/gigs/", { body })) });
}

export function useUpdateGig(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<Partial<GigInput>, "firm">) =>
      unwrap(api.PATCH("/api/v1/gigs/{gig_id}/", { params: { path: { gig_id: id } }, body })),
    onSuccess: (gig) => client.setQueryData(gigKey(id), gig),
  });
}

export type GigTransition = "publish" | "close" | "reopen" | "cancel";

export function useGigTransition(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: GigTransition) => {
      const params = { params: { path: { gig_id: id } } };
      switch (action) {
        case "publish":
          return unwrap(api.POST("/api/v1/gigs/{gig_id}/publish/", params));
        case "close":
          return unwrap(api.POST("/api/v1/gigs/{gig_id}/close/", params));
        case "reopen":
          return unwrap(api.POST("/api/v1/gigs/{gig_id}/reopen/", params));
        case "cancel":
          return unwrap(api.POST("/api/v1/gigs/{gig_id}/cancel/", params));
      }
    },
    onSuccess: (gig) => {
      client.setQueryData(gigKey(id), gig);
      void client.invalidateQueries({ queryKey: ["gig-matches", id] });
    },
  });
}

export function useGigMatches(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ["gig-matches", id],
    queryFn: () =>
      unwrap(api.GET("/api/v1/gigs/{gig_id}/matches/", { params: { path: { gig_id: id }, query: { page_size: 10 } } })),
    enabled,
  });
}

export function useGigInvitations(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ["gig-invitations", id],
    queryFn: () =>
      unwrap(api.GET("/api/v1/gigs/{gig_id}/invitations/", { params: { path: { gig_id: id }, query: { page_size: 100 } } })),
    enabled,
  });
}

export function useInvite(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["InvitationCreateInputRequest"]) =>
      unwrap(api.POST("/api/v1/gigs/{gig_id}/invitations/", { params: { path: { gig_id: id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["gig-invitations", id] }),
  });
}
