import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { ConfirmButton } from "@/components/ConfirmButton";
import { Field } from "@/components/Field";
import { ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useStripeReturn } from "@/features/contracts/hooks/useStripeReturn";
import { usePayment, usePaymentAction, type Milestone } from "@/features/contracts/api/contracts";

export type Side = "client" | "freelancer";

// Stripe's SDKs load only for a card payment (their own chunk).
const StripeFundForm = lazy(() => import("@/features/contracts/components/StripeFundForm"));
const NO_PAYOUT = new Set(["refunded", "charged_back", "cancelled"]);

function DisputeForm({ onSubmit, pending, error }: { onSubmit: (reason: string) => void; pending: boolean; error: unknown }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  return (
    <form className="form inset" noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(reason); }}>
      <Field label={t("payments.disputeReason")} error={fieldErrors(error)["reason"]}>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--danger" disabled={pending}>
        {t("payments.openDispute")}
      </button>
    </form>
  );
}

/** One milestone with its escrow state and the actions this side may take in that state. */
export function MilestoneCard({ milestone, contractId, side }: { milestone: Milestone; contractId: number; side: Side }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  // Stripe took the card; the webhook has not funded the milestone yet.
  const [processing, setProcessing] = useState(false);
  const payment = usePayment(milestone.id, { awaitFunded: processing });
  const act = usePaymentAction(milestone.id, contractId);
  const [disputing, setDisputing] = useState(false);
  const state = payment.data?.state ?? milestone.status;
  // Back from a redirect-based method: paid → wait for the webhook; a bank still processing
  // (days for a debit) → say so instead of offering to pay again; not paid → say why.
  const returned = useStripeReturn(side === "client" ? payment.data?.client_secret : null);
  useEffect(() => {
    if (returned === "succeeded") setProcessing(true);
  }, [returned]);
  useEffect(() => {
    if (processing && state !== "funding") {
      setProcessing(false);
      void queryClient.invalidateQueries({ queryKey: ["contract", contractId] });
    }
  }, [processing, state, queryClient, contractId]);
  const cardPayment =
    side === "client" && state === "funding" && payment.data?.client_secret && payment.data.publishable_key
      ? { clientSecret: payment.data.client_secret, publishableKey: payment.data.publishable_key }
      : null;
  const testMode = payment.data?.test_mode ?? false;
  const offline = payment.data?.provider === "offline";
  const client = side === "client";
  return (
    <li className="card milestone" data-testid={`milestone-${milestone.position}`}>
      <h3>
        {milestone.position}. {milestone.title}
      </h3>
      <p>
        {fmt.money(milestone.amount_minor, milestone.currency)}{" "}
        <span className={`badge badge--${state}`} data-testid="escrow-state">
          {t(`payments.state.${state}`, { defaultValue: state })}
        </span>{" "}
        {testMode && <span className="badge badge--test">{t("payments.testMode")}</span>}
      </p>
      {milestone.due_date && <p className="muted">{t("contract.due", { date: fmt.date(milestone.due_date) })}</p>}
      {/* No fee or payout to speak of once the money went back (or never came). */}
      {payment.data && payment.data.fee_minor > 0 && !NO_PAYOUT.has(state) && (
        <p className="muted">
          {t("payments.fee", { fee: fmt.money(payment.data.fee_minor, payment.data.currency), payout: fmt.money(payment.data.payout_minor, payment.data.currency) })}
        </p>
      )}
      {payment.data?.auto_release_at && state === "submitted" && (
        <p className="muted">{t("payments.autoRelease", { when: fmt.dateTime(payment.data.auto_release_at) })}</p>
      )}
      {act.error ? <ErrorNotice error={act.error} /> : null}
      {processing && <Loading label={t("payments.processing")} />}
      {returned === "processing" && state === "funding" && <p className="notice">{t("payments.bankProcessing")}</p>}
      {returned === "failed" && state === "funding" && (
        <p className="error" role="alert">
          {t("payments.redirectFailed")}
        </p>
      )}
      {cardPayment && !processing && returned !== "processing" && (
        <Suspense fallback={<Loading label={t("payments.cardLoading")} />}>
          <StripeFundForm
            {...cardPayment}
            payLabel={t("payments.pay", { amount: fmt.money(milestone.amount_minor, milestone.currency) })}
            onConfirmed={() => setProcessing(true)}
          />
        </Suspense>
      )}
      <div className="actions">
        {client && state === "awaiting_funding" && (
          <>
            {offline && <p className="notice notice--test">{t("payments.offlineNotice")}</p>}
            <button type="button" className="button" disabled={act.isPending} onClick={() => act.mutate({ kind: "fund" })}>
              {offline ? t("payments.fundTest") : t("payments.fund")}
            </button>
          </>
        )}
        {!client && state === "funded" && (
          <button type="button" className="button" disabled={act.isPending} onClick={() => act.mutate({ kind: "submit" })}>
            {t("payments.submit")}
          </button>
        )}
        {client && state === "submitted" && (
          <button type="button" className="button" disabled={act.isPending} onClick={() => act.mutate({ kind: "release" })}>
            {t("payments.release")}
          </button>
        )}
        {((client && state === "funded") || (!client && (state === "funded" || state === "submitted" || state === "released"))) && (
          <button type="button" className="button button--secondary" disabled={act.isPending} onClick={() => act.mutate({ kind: "refund" })}>
            {client ? t("payments.requestRefund") : t("payments.refund")}
          </button>
        )}
        {(state === "awaiting_funding" || state === "funding") && !processing && (
          <ConfirmButton
            label={t("payments.cancel")}
            question={t("payments.cancelQuestion")}
            confirmLabel={t("payments.cancelConfirm")}
            pending={act.isPending}
            onConfirm={() => act.mutate({ kind: "cancel" })}
          />
        )}
        {(state === "funded" || state === "submitted") && !disputing && (
          <button type="button" className="button button--secondary" onClick={() => setDisputing(true)}>
            {t("payments.dispute")}
          </button>
        )}
      </div>
      {disputing && (
        <DisputeForm
          pending={act.isPending}
          error={act.error}
          onSubmit={(reason) => act.mutate({ kind: "dispute", reason }, { onSuccess: () => setDisputing(false) })}
        />
      )}
    </li>
  );
}
