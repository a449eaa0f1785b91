import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Schemas } from "@/lib/api-client";
import { SkillEndorsements } from "@/features/freelancers/components/SkillEndorsements";
import { renderWithApp } from "@/testing/render";

const profile: Schemas["ProfileDetailOutput"] = {
  id: 12, slug: "lea-dev", full_name: "Léa", avatar: null, headline: "Django", country: "DE", time_zone: "Europe/Berlin",
  hourly_rate_minor: null, daily_rate_minor: null, rate_currency: "EUR", hours_per_week: 30, available_from: null,
  skills: [
    { id: 1, slug: "django", label: "Django", level: 4, years: 8 },
    { id: 2, slug: "stripe", label: "Stripe integration", level: 3, years: 3 },
  ],
  languages: [], created_at: "2026-01-01T00:00:00Z", bio: "", working_hours_start: "09:00:00",
  working_hours_end: "17:00:00", links: [], portfolio: [],
  rating: { average: null, count: 0, distribution: {} },
  endorsements: [
    { skill_id: 1, slug: "django", peers: 3, weight: 4.5 },
    { skill_id: 2, slug: "stripe", peers: 0, weight: 0 },
  ],
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const page = (results: unknown[]) => ({ next: null, previous: null, results });
// The viewer shared no contract with the endorsee: the list the component asks for is empty.
const noContracts = (input: Request) => new URL(input.url).pathname.endsWith("/shared-contracts/");

const mine = { id: 44, endorser: { slug: "max", full_name: "Max" }, skill_id: 1, skill_slug: "django", contract_backed: false, weight: 1, created_at: "2026-11-01T00:00:00Z" };

describe("endorsements on a public profile", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows 'validated by N peers' and no buttons to visitors or to the profile's owner", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json({ next: null, previous: null, results: [] })));
    await renderWithApp(<SkillEndorsements profile={profile} viewerSlug="lea-dev" />);
    expect(screen.getByText("validated by 3 peers")).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("lets another freelancer endorse a skill and explains a refusal by its code", async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        const url = new URL(input.url);
        calls.push(`${input.method} ${url.pathname}`);
        if (input.method === "POST") {
          return json({ code: "account_too_new", message: "Account too new.", details: {} }, 403);
        }
        if (noContracts(input)) return json([]);
        return json(page([mine]));
      }),
    );
    await renderWithApp(<SkillEndorsements profile={profile} viewerSlug="max" />);
    const skills = screen.getByTestId("skills");
    // Max already endorses Django: he may withdraw it, and endorse Stripe
    expect(await within(skills).findByRole("button", { name: "Withdraw your endorsement of Django" })).toBeInTheDocument();
    await userEvent.click(within(skills).getByRole("button", { name: "Endorse Stripe integration" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your account is too new to endorse others yet. Try again once it is 30 days old.",
    );
    expect(calls).toContain("POST /api/v1/freelancers/lea-dev/endorsements/");
  });

  it("withdraws the viewer's endorsement", async () => {
    let withdrawn = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        if (input.method === "DELETE") {
          expect(new URL(input.url).pathname).toBe("/api/v1/endorsements/44/");
          withdrawn = true;
          return new Response(null, { status: 204 });
        }
        if (noContracts(input)) return json([]);
        return json(page(withdrawn ? [] : [mine]));
      }),
    );
    await renderWithApp(<SkillEndorsements profile={profile} viewerSlug="max" />);
    await userEvent.click(await screen.findByRole("button", { name: "Withdraw your endorsement of Django" }));
    expect(await screen.findByRole("button", { name: "Endorse Django" })).toBeInTheDocument();
    expect(withdrawn).toBe(true);
  });

  it("names the newest contract the two shared, another one, or none as the viewer picks", async () => {
    const bodies: unknown[] = [];
    const newer = { id: 81, title: "Checkout", firm: { slug: "acme", name: "Acme" }, created_at: "2026-10-01T00:00:00Z", ended_at: null };
    const older = { id: 70, title: "Catalogue", firm: { slug: "kiln", name: "Kiln & Co" }, created_at: "2026-05-01T00:00:00Z", ended_at: "2026-06-01T00:00:00Z" };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        const url = new URL(input.url);
        if (input.method === "POST") {
          bodies.push(await input.json());
          return json({ ...mine, id: 45, skill_id: 2, skill_slug: "stripe", contract_backed: true }, 201);
        }
        if (url.pathname === "/api/v1/freelancers/lea-dev/shared-contracts/") return json([newer, older]);
        return json(page([]));
      }),
    );
    await renderWithApp(<SkillEndorsements profile={profile} viewerSlug="max" />);
    const picker = await screen.findByLabelText("Tie to a contract you shared:");
    expect(picker).toHaveDisplayValue("Checkout (Acme)");
    const button = screen.getByRole("button", { name: "Endorse Stripe integration" });
    await vi.waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await vi.waitFor(() => expect(bodies).toEqual([{ skill: "stripe", contract_id: 81 }]));

    await userEvent.selectOptions(picker, "70"); // "Catalogue (Kiln & Co)"
    await userEvent.click(screen.getByRole("button", { name: "Endorse Django" }));
    await userEvent.selectOptions(picker, "none"); // "No contract"
    await userEvent.click(screen.getByRole("button", { name: "Endorse Stripe integration" }));
    await vi.waitFor(() =>
      expect(bodies).toEqual([{ skill: "stripe", contract_id: 81 }, { skill: "django", contract_id: 70 }, { skill: "stripe" }]),
    );
  });

  it("endorses without a contract, and offers none, when the two shared no contract", async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        if (input.method === "POST") {
          bodies.push(await input.json());
          return json({ ...mine, id: 45, skill_id: 2, skill_slug: "stripe" }, 201);
        }
        if (noContracts(input)) return json([]);
        return json(page([]));
      }),
    );
    await renderWithApp(<SkillEndorsements profile={profile} viewerSlug="max" />);
    const button = await screen.findByRole("button", { name: "Endorse Stripe integration" });
    await vi.waitFor(() => expect(button).toBeEnabled());
    expect(screen.queryByLabelText("Tie to a contract you shared:")).toBeNull();
    await userEvent.click(button);
    await vi.waitFor(() => expect(bodies).toEqual([{ skill: "stripe" }]));
  });
});
