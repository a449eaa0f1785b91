import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Milestone, Payment } from "@/features/contracts/api/contracts";
import { MilestoneCard } from "@/features/contracts/components/MilestoneCard";
import { renderWithApp } from "@/testing/render";

const milestone: Milestone = {
  id: 5,
  position: 1,
  title: "First delivery",
  description: "",
  amount_minor: 300000,
  currency: "EUR",
  due_date: null,
  status: "awaiting_funding",
  created_at: "2026-11-22T10:00:00Z",
};

function payment(state: string): Payment {
  return {
    milestone_id: 5, state, provider: "offline", test_mode: true, amount_minor: 300000, currency: "EUR",
    fee_minor: 30000, fee_bps: 1000, payout_minor: 270000, refunded_minor: 0, client_secret: null, publishable_key: null,
    funded_at: null, submitted_at: null, released_at: null, auto_release_at: null,
  };
}

/** The API as the card sees it: the milestone's payment, and what each action answers. */
function serve(state: string, after: Record<string, string> = {}) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      calls.push(`${input.method} ${url.pathname} ${input.headers.get("Idempotency-Key") ? "keyed" : ""}`.trim());
      const action = url.pathname.split("/").filter(Boolean).at(-1) ?? "";
      const next = input.method === "POST" ? (after[action] ?? state) : state;
      return new Response(JSON.stringify(payment(next)), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

describe("a milestone's escrow actions", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lets the client fund in test mode, with an idempotency key, and shows the new state", async () => {
    const calls = serve("awaiting_funding", { fund: "funded" });
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="client" />);
    expect(await screen.findByText("Awaiting funding")).toBeInTheDocument();
    expect(screen.getByText("Test mode: no real money moves. Funding succeeds at once.")).toBeInTheDocument();
    expect(screen.getByText("Fee €300.00 · freelancer receives €2,700.00")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Submit the work" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Fund (test payment)" }));
    expect(await screen.findByText("Funded (held)")).toBeInTheDocument();
    expect(calls).toContain("POST /api/v1/payments/milestones/5/fund/ keyed");
    // Once funded the client may ask for the money back or dispute, not fund again
    expect(screen.queryByRole("button", { name: "Fund (test payment)" })).toBeNull();
    expect(screen.getByRole("button", { name: "Request a refund" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open a dispute" })).toBeInTheDocument();
  });

  it("offers the freelancer only submit, refund and dispute on a funded milestone", async () => {
    serve("funded");
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="freelancer" />);
    expect(await screen.findByText("Funded (held)")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Submit the work" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Refund the client" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Release the payment" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Fund (test payment)" })).toBeNull();
  });

  it("asks why before opening a dispute", async () => {
    const calls = serve("submitted", { dispute: "disputed" });
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="client" />);
    await userEvent.click(await screen.findByRole("button", { name: "Open a dispute" }));
    await userEvent.type(screen.getByLabelText("What went wrong?"), "The checkout is missing.");
    await userEvent.click(screen.getByRole("button", { name: "Send the dispute" }));
    expect(await screen.findByText("Disputed")).toBeInTheDocument();
    expect(calls).toContain("POST /api/v1/payments/milestones/5/dispute/");
  });

  it("lets either side cancel an unpaid milestone after confirming; 'no' keeps it", async () => {
    const calls = serve("awaiting_funding", { cancel: "cancelled" });
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="freelancer" />);
    await userEvent.click(await screen.findByRole("button", { name: "Cancel this milestone" }));
    expect(screen.getByText(/It can no longer be funded/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "No, keep it" })).toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: "No, keep it" }));
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Cancel this milestone" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, cancel the milestone" }));
    expect(await screen.findByText("Cancelled")).toBeInTheDocument();
    expect(calls).toContain("POST /api/v1/payments/milestones/5/cancel/");
    expect(screen.queryByRole("button", { name: "Cancel this milestone" })).toBeNull();
  });

  it("offers no cancel once the milestone is funded", async () => {
    serve("funded");
    await renderWithApp(<MilestoneCard milestone={milestone} contractId={9} side="client" />);
    expect(await screen.findByText("Funded (held)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel this milestone" })).toBeNull();
  });
});
