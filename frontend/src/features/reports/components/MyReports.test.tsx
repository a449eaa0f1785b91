import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { FiledReport } from "@/features/reports/api/reports";
import { MyReports } from "@/features/reports/components/MyReports";
import { renderWithApp } from "@/testing/render";

function report(id: number, over: Partial<FiledReport> = {}): FiledReport {
  return {
    id, kind: "gig", object_id: 40 + id, reason: "scam", text: "", status: "open",
    created_at: "2026-11-20T10:00:00Z", resolved_at: null, ...over,
  };
}

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

describe("my reports", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("says so when nothing was reported", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json({ next: null, previous: null, results: [] })));
    await renderWithApp(<MyReports />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading…");
    expect(await screen.findByText("You have not reported anything.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show older reports" })).toBeNull();
  });

  it("lists each report with its reason and status, and pages on by cursor", async () => {
    const queries: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        const url = new URL(input.url);
        queries.push(url.search);
        if (url.searchParams.get("cursor") === "abc") {
          return json({ next: null, previous: null, results: [report(1, { kind: "message", reason: "harassment" })] });
        }
        return json({
          next: "http://testserver/api/v1/reports/?cursor=abc&page_size=20",
          previous: null,
          results: [
            report(3, { status: "upheld", resolved_at: "2026-11-21T09:00:00Z", text: "Asks for crypto" }),
            report(2, { kind: "profile", reason: "impersonation", status: "dismissed", resolved_at: "2026-11-21T09:00:00Z" }),
          ],
        });
      }),
    );
    await renderWithApp(<MyReports />);
    const rows = await screen.findAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("A gig");
    expect(rows[0]).toHaveTextContent("Upheld We took action.");
    expect(rows[0]).toHaveTextContent("Scam or fraud");
    expect(rows[0]).toHaveTextContent("Asks for crypto");
    expect(screen.getByRole("link", { name: "A gig" })).toHaveAttribute("href", "/gigs/43");
    expect(rows[1]).toHaveTextContent("A profile");
    expect(rows[1]).toHaveTextContent("Dismissed No rule was broken.");

    await userEvent.click(screen.getByRole("button", { name: "Show older reports" }));
    expect(await screen.findByText("A message")).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")).toHaveLength(3);
    expect(screen.getByText("Open")).toHaveClass("badge");
    expect(screen.getByText("Our moderators have not decided yet.")).toBeInTheDocument();
    expect(queries).toEqual(["?page_size=20", "?cursor=abc&page_size=20"]);
    expect(screen.queryByRole("button", { name: "Show older reports" })).toBeNull();
  });
});
