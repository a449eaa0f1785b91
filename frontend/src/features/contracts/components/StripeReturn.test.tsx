import { screen } from "@testing-library/react";
import { useLocation } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Milestone, Payment } from "@/features/contracts/api/contracts";
import { MilestoneCard } from "@/features/contracts/components/MilestoneCard";
import { renderWithApp } from "@/testing/render";

// The card form itself has its own tests (StripeFundForm.test.tsx); here it only has to show.
vi.mock("@/features/contracts/components/StripeFundForm", () => ({ default: () => <p>Card form</p> }));

const SECRET = "pi_1_secret_abc";
const milestone: Milestone = {
  id: 5, position: 1, title: "First delivery", description: "", amount_minor: 300000, currency: "EUR",
  due_date: null, status: "funding", created_at: "2026-11-22T10:00:00Z",
};

/** The milestone's payment as the server reports it; `state.now` is what the next read says. */
function serve(state: { now: string }) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      const body: Payment = {
        milestone_id: 5, state: state.now, provider: "stripe", test_mode: true, amount_minor: 300000, currency: "EUR",
        fee_minor: 30000, fee_bps: 1000, payout_minor: 270000, refunded_minor: 0,
        client_secret: state.now === "funding" ? SECRET : null, publishable_key: "pk_test_1",
        funded_at: null, submitted_at: null, released_at: null, auto_release_at: null,
      };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
}

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

async function returnFromStripe(status: string, secret = SECRET) {
  const route = `/contracts/9?tab=money&payment_intent=pi_1&payment_intent_client_secret=${secret}&redirect_status=${status}`;
  await renderWithApp(
    <>
      <MilestoneCard milestone={milestone} contractId={9} side="client" />
      <Search />
    </>,
    { route },
  );
}

describe("coming back from a redirect-based payment method", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("waits for the webhook after a paid redirect, then shows funded; Stripe's parameters leave the URL", async () => {
    const state = { now: "funding" };
    serve(state);
    await returnFromStripe("succeeded");
    expect(await screen.findByText("Payment received by Stripe, waiting for confirmation…")).toBeInTheDocument();
    expect(screen.queryByText("Card form")).not.toBeInTheDocument();
    expect(screen.getByTestId("search")).toHaveTextContent(/^\?tab=money$/);
    // When the webhook has funded the milestone, the next poll shows it
    state.now = "funded";
    expect(await screen.findByText("Funded (held)", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.queryByText("Payment received by Stripe, waiting for confirmation…")).not.toBeInTheDocument();
  });

  it("says the bank is processing a debit instead of offering to pay again", async () => {
    serve({ now: "funding" });
    await returnFromStripe("processing");
    expect(await screen.findByText(/Your bank is processing the payment/)).toBeInTheDocument();
    expect(screen.queryByText("Card form")).not.toBeInTheDocument();
  });

  it("says an unpaid redirect failed and offers the form again", async () => {
    serve({ now: "funding" });
    await returnFromStripe("failed");
    expect(await screen.findByRole("alert")).toHaveTextContent("The payment was not completed.");
    expect(await screen.findByText("Card form")).toBeInTheDocument();
    expect(screen.getByTestId("search")).toHaveTextContent(/^\?tab=money$/);
  });

  it("leaves another payment's return alone", async () => {
    serve({ now: "funding" });
    await returnFromStripe("failed", "pi_2_secret_other");
    expect(await screen.findByText("Card form")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByTestId("search")).toHaveTextContent("redirect_status=failed");
  });
});
