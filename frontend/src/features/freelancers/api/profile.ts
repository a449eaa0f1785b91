import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ApiError, api, unwrap, type Schemas } from "@/lib/api-client";
import { meKey } from "@/lib/session";

export type OwnProfile = Schemas["OwnProfileOutput"];
export type ProfileInput = Schemas["ProfileCreateInputRequest"];

const ownKey = ["freelancer-profile", "own"] as const;

/** The signed-in user's profile, or null before they created one (`/me/` says which). */
export function useOwnProfile(exists: boolean) {
  return useQuery({
    queryKey: ownKey,
    queryFn: async (): Promise<OwnProfile | null> => {
      if (!exists) return null;
      try {
        return await unwrap(api.GET("/api/v1/me/freelancer-profile/"));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveProfile(exists: boolean) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileInput) =>
      exists
        ? unwrap(api.PATCH("/api/v1/me/freelancer-profile/", { body }))
        : unwrap(api.POST("/api/v1/me/freelancer-profile/", { body })),
    onSuccess: (profile) => {
      client.setQueryData(ownKey, profile);
      void client.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function usePublishProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (publish: boolean) =>
      publish
        ? unwrap(api.POST("/api/v1/me/freelancer-profile/publish/"))
        : unwrap(api.POST("/api/v1/me/freelancer-profile/unpublish/")),
    onSuccess: (profile) => client.setQueryData(ownKey, profile),
  });
}

export function usePublicProfile(slug: string) {
  return useQuery({
    queryKey: ["freelancer-profile", slug],
    queryFn: () => unwrap(api.GET("/api/v1/freelancers/{slug}/", { params: { path: { slug } } })),
  });
}

export function usePayoutAccount() {
  return useQuery({
    queryKey: ["payout-account"],
    queryFn: () => unwrap(api.GET("/api/v1/payments/payout-account/")),
  });
}

export function useGigFeed() {
  return useQuery({
    queryKey: ["gig-feed"],
    queryFn: () => unwrap(api.GET("/api/v1/me/gig-feed/", { params: { query: { page_size: 20 } } })),
  });
}

/** Starts (or resumes) payout onboarding; Stripe answers with a hosted page to open. */
export function usePayoutOnboarding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/payments/payout-account/onboarding-link/")),
    onSuccess: () => client.invalidateQueries({ queryKey: ["payout-account"] }),
  });
}

export function useMyInvitations() {
  return useQuery({
    queryKey: ["invitations", "mine"],
    queryFn: () => unwrap(api.GET("/api/v1/invitations/", { params: { query: { status: ["pending"], page_size: 50 } } })),
  });
}

export function useDeclineInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST("/api/v1/invitations/{invitation_id}/decline/", { params: { path: { invitation_id: id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["invitations", "mine"] }),
  });
}
