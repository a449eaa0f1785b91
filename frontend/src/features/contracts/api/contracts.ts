import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Contract = Schemas["ContractOutput"];
export type Milestone = Schemas["MilestoneOutput"];
export type Payment = Schemas["PaymentOutput"];

export function useContracts() {
  return useQuery({
    queryKey: ["contracts"],
    queryFn: () => unwrap(api.GET("/api/v1/contracts/", { params: { query: { page_size: 50 } } })),
  });
}

export function useContract(id: number) {
  return useQuery({
    queryKey: ["contract", id],
    queryFn: () => unwrap(api.GET("/api/v1/contracts/{contract_id}/", { params: { path: { contract_id: id } } })),
  });
}

const PROCESSING_POLL_MS = 1500;

/**
 * A milestone's escrow. With `awaitFunded`, polls while the payment is still "funding": Stripe
 * has the card, and the milestone turns funded when its `payment_intent.succeeded` webhook lands.
 */
export function usePayment(milestoneId: number, { awaitFunded = false }: { awaitFunded?: boolean } = {}) {
  return useQuery({
    queryKey: ["payment", milestoneId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/payments/milestones/{milestone_id}/", { params: { path: { milestone_id: milestoneId } } })),
    refetchInterval: (query) => (awaitFunded && query.state.data?.state === "funding" ? PROCESSING_POLL_MS : false),
  });
}

export type PaymentAction =
  | { kind: "fund" }
  | { kind: "submit" }
  | { kind: "release" }
  | { kind: "refund"; amount_minor?: number }
  | { kind: "dispute"; reason: string }
  | { kind: "cancel" };

/** Money actions carry an Idempotency-Key so a double click or a retry pays once. */
export function usePaymentAction(milestoneId: number, contractId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: PaymentAction) => {
      const path = { milestone_id: milestoneId };
      const params = { path, header: { "Idempotency-Key": crypto.randomUUID() } };
      switch (action.kind) {
        case "fund":
          return unwrap(api.POST("/api/v1/payments/milestones/{milestone_id}/fund/", { params }));
        case "submit":
          return unwrap(api.POST("/api/v1/payments/milestones/{milestone_id}/submit/", { params: { path } }));
        case "release":
          return unwrap(api.POST("/api/v1/payments/milestones/{milestone_id}/release/", { params }));
        case "refund":
          return unwrap(
            api.POST("/api/v1/payments/milestones/{milestone_id}/refund/", {
              params,
              body: action.amount_minor ? { amount_minor: action.amount_minor } : {},
            }),
          );
        case "dispute":
          return unwrap(
            api.POST("/api/v1/payments/milestones/{milestone_id}/dispute/", { params: { path }, body: { reason: action.reason } }),
          );
        case "cancel":
          return unwrap(api.POST("/api/v1/payments/milestones/{milestone_id}/cancel/", { params: { path } }));
      }
    },
    onSuccess: (payment) => {
      client.setQueryData(["payment", milestoneId], payment);
      void client.invalidateQueries({ queryKey: ["contract", contractId] });
    },
  });
}

export function useAddMilestone(contractId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["MilestoneInputRequest"]) =>
      unwrap(api.POST("/api/v1/contracts/{contract_id}/milestones/", { params: { path: { contract_id: contractId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["contract", contractId] }),
  });
}

export function useCompleteContract(contractId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/contracts/{contract_id}/complete/", { params: { path: { contract_id: contractId } } })),
    onSuccess: (contract) => client.setQueryData(["contract", contractId], contract),
  });
}

/** Either party ends an active contract early (milestones awaiting funding are cancelled too). */
export function useCancelContract(contractId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/contracts/{contract_id}/cancel/", { params: { path: { contract_id: contractId } } })),
    onSuccess: (contract) => {
      client.setQueryData(["contract", contractId], contract);
      // Milestones it cancelled show their new escrow state.
      void client.invalidateQueries({ queryKey: ["payment"] });
      void client.invalidateQueries({ queryKey: ["contracts"] });
    },
  });
}
