import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Contract, Milestone } from "@/features/contracts/api/contracts";
import { ContractPage } from "@/features/contracts/components/ContractPage";
import { renderWithApp } from "@/testing/render";

function milestone(id: number, status: Milestone["status"]): Milestone {
  return {
    id, position: id, title: `Part ${id}`, description: "", amount_minor: 100000, currency: "EUR", due_date: null, status,
    created_at: "2026-11-22T10:00:00Z",
  };
}

function contract(status: Contract["status"], milestones: Milestone[]): Contract {
  return {
    id: 9, proposal_id: 3, gig: { id: 4, title: "Shop" } as Contract["gig"], firm: { slug: "acme", name: "Acme" } as Contract["firm"],
    freelancer: { slug: "lea", headline: "Django shops" } as Contract["freelancer"], title: "Shop for a studio", terms: {},
    currency: "EUR", status, ended_at: null, created_at: "2026-11-22T10:00:00Z", updated_at: "2026-11-22T10:00:00Z", milestones,
  };
}

/** GET answers the contract (and each milestone's payment); POSTs are recorded and answered. */
function serve(initial: Contract, answers: Record<string, { status: number; body: unknown }>) {
  const posts: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      if (input.method === "POST") {
        posts.push(path);
        const answer = answers[path] ?? { status: 404, body: { code: "not_found", message: "", details: {} } };
        return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
      }
      const body = path.startsWith("/api/v1/payments/")
        ? { milestone_id: 1, state: "awaiting_funding", provider: "offline", test_mode: true, amount_minor: 100000, currency: "EUR", fee_minor: 0, fee_bps: 0, payout_minor: 100000, refunded_minor: 0, client_secret: null, publishable_key: null, funded_at: null, submitted_at: null, released_at: null, auto_release_at: null }
        : initial;
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  return posts;
}

describe("ending a contract", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lets the freelancer cancel after confirming, and then offers no end actions", async () => {
    const posts = serve(contract("active", [milestone(1, "awaiting_funding")]), {
      "/api/v1/contracts/9/cancel/": { status: 200, body: contract("cancelled", [milestone(1, "cancelled")]) },
    });
    await renderWithApp(<ContractPage contractId={9} firmSlugs={[]} />);
    // Completing is the firm's; cancelling is either side's
    await userEvent.click(await screen.findByRole("button", { name: "Cancel the contract" }));
    expect(screen.queryByRole("button", { name: "Mark the contract completed" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Yes, cancel the contract" }));
    expect(await screen.findByText("Cancelled", { selector: "header .badge" })).toBeInTheDocument();
    expect(posts).toEqual(["/api/v1/contracts/9/cancel/"]);
    expect(screen.queryByRole("button", { name: "Cancel the contract" })).toBeNull();
  });

  it("shows the server's refusal by its code's sentence", async () => {
    serve(contract("active", []), {
      "/api/v1/contracts/9/cancel/": { status: 409, body: { code: "invalid_state", message: "Not possible while the contract is in status “Completed”.", details: { status: "completed" } } },
    });
    await renderWithApp(<ContractPage contractId={9} firmSlugs={["acme"]} />);
    await userEvent.click(await screen.findByRole("button", { name: "Cancel the contract" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, cancel the contract" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Not possible while the contract is in status “Completed”.");
  });

  it("tells the firm a disputed milestone stays held when it completes the contract", async () => {
    serve(contract("active", [milestone(1, "disputed"), milestone(2, "released")]), {});
    await renderWithApp(<ContractPage contractId={9} firmSlugs={["acme"]} />);
    expect(await screen.findByRole("button", { name: "Mark the contract completed" })).toBeInTheDocument();
    expect(screen.getByText(/A milestone is disputed: its money stays held/)).toBeInTheDocument();
  });
});
