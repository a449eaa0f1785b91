import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Endorsement = Schemas["EndorsementOutput"];

const listKey = (slug: string) => ["endorsements", slug] as const;

/** Endorsements that count on a profile (the viewer finds their own among them to withdraw). */
export function useEndorsements(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: listKey(slug),
    enabled,
    queryFn: () =>
      unwrap(api.GET("/api/v1/freelancers/{slug}/endorsements/", { params: { path: { slug }, query: { page_size: 100 } } })),
  });
}

function useRefreshProfile(slug: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: listKey(slug) });
    void client.invalidateQueries({ queryKey: ["freelancer-profile", slug] });
  };
}

export type SharedContract = Schemas["SharedContractOutput"];

/**
 * The freelancer's contracts the viewer shared — hired through one of the viewer's firms, or
 * worked for the same firm at the same time (docs/trust.md), newest first. Endorsing with one
 * of their ids makes the endorsement contract-backed (weighs more, exempt from the mutual cap
 * and ring rules).
 */
export function useSharedContracts(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ["shared-contracts", slug],
    enabled,
    queryFn: () => unwrap(api.GET("/api/v1/freelancers/{slug}/shared-contracts/", { params: { path: { slug } } })),
  });
}

export function useEndorse(slug: string) {
  const refresh = useRefreshProfile(slug);
  return useMutation({
    mutationFn: ({ skill, contractId }: { skill: string; contractId?: number }) =>
      unwrap(
        api.POST("/api/v1/freelancers/{slug}/endorsements/", {
          params: { path: { slug } },
          body: contractId === undefined ? { skill } : { skill, contract_id: contractId },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useWithdrawEndorsement(slug: string) {
  const refresh = useRefreshProfile(slug);
  return useMutation({
    mutationFn: (endorsementId: number) =>
      unwrap(api.DELETE("/api/v1/endorsements/{endorsement_id}/", { params: { path: { endorsement_id: endorsementId } } })),
    onSuccess: refresh,
  });
}
