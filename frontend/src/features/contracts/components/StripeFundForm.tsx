// Stripe's Payment Element for the fund step. This module (with @stripe/stripe-js and
// @stripe/react-stripe-js) is its own chunk, loaded only when a milestone waits for a card, so
// the first page stays small; Stripe.js itself comes from js.stripe.com as Stripe requires.
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe, type Stripe, type StripeElementLocale } from "@stripe/stripe-js";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Loading } from "@/components/States";

// One Stripe instance per key for the tab (Stripe asks for a single instance).
const instances = new Map<string, Promise<Stripe | null>>();

function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let instance = instances.get(publishableKey);
  if (!instance) {
    instance = loadStripe(publishableKey);
    // A failed load may be retried by remounting (e.g. after the network came back).
    instance.catch(() => instances.delete(publishableKey));
    instances.set(publishableKey, instance);
  }
  return instance;
}

interface Props {
  publishableKey: string;
  clientSecret: string;
  payLabel: string;
  /** Stripe accepted the card; the milestone turns funded when the webhook arrives. */
  onConfirmed: () => void;
}

function PaymentForm({ payLabel, onConfirmed }: Pick<Props, "payLabel" | "onConfirmed">) {
  const { t } = useTranslation();
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  return (
    <form
      className="form stack stripe-form"
      aria-label={t("payments.cardForm")}
      aria-describedby={error ? errorId : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        if (!stripe || !elements || busy) return;
        setBusy(true);
        setError(null);
        // A card needs no redirect; a redirect-based method comes back to this page.
        stripe
          .confirmPayment({ elements, redirect: "if_required", confirmParams: { return_url: window.location.href } })
          .then((result) => {
            // Paid already (e.g. confirmed before a reload, the webhook still on its way):
            // Stripe refuses a second confirmation, and the milestone is about to be funded.
            const paid = result.error?.payment_intent?.status === "succeeded";
            if (result.error && !paid) setError(result.error.message ?? t("payments.cardFailed"));
            else onConfirmed();
          })
          .catch(() => setError(t("payments.cardFailed")))
          .finally(() => setBusy(false));
      }}
    >
      {!ready && <Loading label={t("payments.cardLoading")} />}
      <PaymentElement onReady={() => setReady(true)} onChange={() => setError(null)} />
      {error && (
        <p id={errorId} className="error" role="alert" data-testid="stripe-error">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={!stripe || !ready || busy}>
        {busy ? t("payments.paying") : payLabel}
      </button>
    </form>
  );
}

export default function StripeFundForm({ publishableKey, clientSecret, payLabel, onConfirmed }: Props) {
  const { t, i18n } = useTranslation();
  const [stripe, setStripe] = useState<Stripe | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    stripeFor(publishableKey).then(
      (loaded) => live && (loaded ? setStripe(loaded) : setFailed(true)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [publishableKey]);
  if (failed) {
    return (
      <p className="error" role="alert">
        {t("payments.stripeUnavailable")}
      </p>
    );
  }
  if (!stripe) return <Loading label={t("payments.cardLoading")} />;
  const locale = (["en", "de", "fr"].includes(i18n.language) ? i18n.language : "auto") as StripeElementLocale;
  return (
    <Elements stripe={stripe} options={{ clientSecret, locale }}>
      <PaymentForm payLabel={payLabel} onConfirmed={onConfirmed} />
    </Elements>
  );
}
