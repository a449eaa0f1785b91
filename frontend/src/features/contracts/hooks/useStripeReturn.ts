import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";

/** What Stripe appends to the return URL after a redirect-based payment method. */
const RETURN_PARAMS = ["payment_intent", "payment_intent_client_secret", "redirect_status"] as const;

export type StripeReturn = "succeeded" | "processing" | "failed";

/**
 * A redirect-based payment method (bank debit, iDEAL, Bancontact…) leaves the page and comes
 * back to it with the intent's client secret and `redirect_status` in the URL. The milestone
 * whose payment has that client secret reads the outcome once and takes the parameters off
 * the URL (a reload or a shared link must not replay it). The server's state, moved by
 * Stripe's webhook, stays the truth: this only says what to show meanwhile.
 */
export function useStripeReturn(clientSecret: string | null | undefined): StripeReturn | null {
  const [params, setParams] = useSearchParams();
  const [outcome, setOutcome] = useState<StripeReturn | null>(null);
  const returned = params.get("payment_intent_client_secret");
  const status = params.get("redirect_status");
  useEffect(() => {
    if (!returned || !clientSecret || returned !== clientSecret) return;
    // Stripe also says `requires_payment_method` or `canceled`: not paid, like `failed`.
    setOutcome(status === "succeeded" || status === "processing" ? status : "failed");
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of RETURN_PARAMS) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [returned, status, clientSecret, setParams]);
  return outcome;
}
