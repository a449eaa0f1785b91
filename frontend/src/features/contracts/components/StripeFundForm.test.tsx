import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Milestone, Payment } from "@/features/contracts/api/contracts";
import { MilestoneCard } from "@/features/contracts/components/MilestoneCard";
import { renderWithApp } from "@/testing/render";

// jsdom cannot run Stripe.js (it loads from js.stripe.com), so loadStripe answers a stand-in
// with the surface our form and react-stripe-js use; the browser suite runs the real loader.
const confirmPayment = vi.fn();
const elementsOptions: unknown[] = [];
vi.mock("@stripe/stripe-js", () => ({
  loadStripe: vi.fn(async () => ({
    elements: (options: unknown) => {
      elementsOptions.push(options);
      return {
        update: () => undefined,
        create: () => {
          const handlers = new Map<string, () => void>();
          return {
            mount: (node: HTMLElement) => {
              node.textContent = "card fields";
              setTimeout(() => handlers.get("ready")?.(), 0);
            },
            on: (event: string, handler: () => void) => handlers.set(event, handler),
            off: (event: string) => handlers.delete(event),
            update: () => undefined,
            destroy: () => undefined,
          };
        },
      };
    },
    confirmPayment,
    createToken: () => undefined,
    createPaymentMethod: () => undefined,
    confirmCardPayment: () => undefined,
  })),
}));

const milestone: Milestone = {
  id: 5, position: 1, title: "First delivery", description: "", amount_minor: 300000, currency: "EUR",
  due_date: null, status: "funding", created_at: "2026-11-22T10:00:00Z",
};

function payment(state: string): Payment {
  return {
    milestone_id: 5, state, provider: "stripe", test_mode: true, amount_minor: 300000, currency: "EUR",
    fee_minor: 30000, fee_bps: 1000, payout_minor: 270000, refunded_minor: 0,
    client_secret: state === "funding" ? "pi_1_secret_2" : null, publishable_key: "pk_test_123",
    funded_at: null, submitted_at: null, released_at: null, auto_release_at: null,
  };
}

describe("funding with Stripe", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    confirmPayment.mockReset();
  });

  it("mounts the Payment Element, shows Stripe's error by the form, then waits for funded", async () => {
    // The webhook has funded the milestone once Stripe accepted the card
    let funded = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify(payment(funded ? "funded" : "funding")), { status: 200, headers: { "Content-Type": "application/json" } })),
    );
    confirmPayment
      .mockResolvedValueOnce({ error: { type: "card_error", code: "card_declined", message: "Your card was declined." } })
      .mockImplementationOnce(async () => {
        funded = true;
        return { paymentIntent: { id: "pi_1", status: "succeeded" } };
      });
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="client" />);
    const pay = await screen.findByRole("button", { name: "Pay €3,000.00" });
    expect(screen.getByRole("form", { name: "Card payment" })).toHaveTextContent("card fields");
    expect(elementsOptions.at(-1)).toEqual({ clientSecret: "pi_1_secret_2", locale: "en" });
    expect(screen.queryByRole("button", { name: "Fund this milestone" })).toBeNull();

    await userEvent.click(pay);
    expect(await screen.findByRole("alert")).toHaveTextContent("Your card was declined.");
    expect(confirmPayment).toHaveBeenCalledWith(expect.objectContaining({ redirect: "if_required" }));

    await userEvent.click(screen.getByRole("button", { name: "Pay €3,000.00" }));
    expect(await screen.findByText("Payment received by Stripe, waiting for confirmation…")).toBeInTheDocument();
    expect(await screen.findByText("Funded (held)", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Card payment" })).toBeNull();
    expect(screen.queryByText("Payment received by Stripe, waiting for confirmation…")).toBeNull();
  });

  it("waits for funded when Stripe says the intent was paid already (a reload mid-way)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(payment("funding")), { status: 200, headers: { "Content-Type": "application/json" } })));
    confirmPayment.mockResolvedValueOnce({
      error: {
        type: "invalid_request_error", code: "payment_intent_unexpected_state", message: "already succeeded",
        payment_intent: { id: "pi_1", status: "succeeded" },
      },
    });
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="client" />);
    await userEvent.click(await screen.findByRole("button", { name: "Pay €3,000.00" }));
    expect(await screen.findByText("Payment received by Stripe, waiting for confirmation…")).toBeInTheDocument();
    expect(screen.queryByText("already succeeded")).toBeNull();
  });

  it("offers the freelancer no card form", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(payment("funding")), { status: 200, headers: { "Content-Type": "application/json" } })));
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="freelancer" />);
    expect(await screen.findByText("Funding…")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Card payment" })).toBeNull();
  });
});
