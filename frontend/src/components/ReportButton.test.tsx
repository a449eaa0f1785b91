import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ReportButton } from "@/components/ReportButton";
import { renderWithApp } from "@/testing/render";

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("the report button", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for a reason by keyboard and posts the report", async () => {
    const posted: unknown[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        posted.push({ path: new URL(input.url).pathname, body: await input.json() });
        return json({ id: 1 }, 201);
      }),
    );
    await renderWithApp(<ReportButton kind="gig" objectId={31} label="Report this gig" />);
    const opener = screen.getByRole("button", { name: "Report this gig" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    opener.focus();
    await userEvent.keyboard("{Enter}");
    expect(opener).toHaveAttribute("aria-expanded", "true");
    await userEvent.click(screen.getByRole("button", { name: "Send the report" }));
    expect(screen.getByText("Choose a reason.")).toBeInTheDocument();
    expect(posted).toEqual([]);
    await userEvent.selectOptions(screen.getByLabelText("Why are you reporting this?"), "off_platform");
    await userEvent.type(screen.getByLabelText("What happened? (optional)"), "Asked me to pay by bank transfer.");
    await userEvent.click(screen.getByRole("button", { name: "Send the report" }));
    expect(await screen.findByText("Thank you. Our moderators will look at it.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "See my reports" })).toHaveAttribute("href", "/reports");
    expect(posted).toEqual([
      { path: "/api/v1/reports/", body: { kind: "gig", object_id: 31, reason: "off_platform", text: "Asked me to pay by bank transfer." } },
    ]);
  });

  it("explains a repeat report and closes with Escape", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json({ code: "already_reported", message: "Already.", details: {} }, 409)));
    await renderWithApp(<ReportButton kind="review" objectId={4} />);
    await userEvent.click(screen.getByRole("button", { name: "Report" }));
    await userEvent.selectOptions(screen.getByLabelText("Why are you reporting this?"), "spam");
    await userEvent.click(screen.getByRole("button", { name: "Send the report" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "You reported this already; our moderators have not closed your report yet.",
    );
    expect(screen.getByRole("link", { name: "See my reports" })).toHaveAttribute("href", "/reports");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByLabelText("Why are you reporting this?")).toBeNull();
    expect(screen.getByRole("button", { name: "Report" })).toHaveFocus();
  });
});
