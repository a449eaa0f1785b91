import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Member } from "@/features/firms/api/members";
import { FirmMembers } from "@/features/firms/components/FirmMembers";
import { renderWithApp } from "@/testing/render";

const olivia: Member = { user_id: 1, email: "olivia@acme.test", full_name: "Olivia Owner", role: "owner", joined_at: "2026-11-01T09:00:00Z" };
const max: Member = { user_id: 2, email: "max@acme.test", full_name: "Max Maker", role: "member", joined_at: "2026-11-10T09:00:00Z" };

function json(status: number, body: unknown) {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A small stateful members API; `refuse` answers the named request with an error instead. */
function serve(refuse: Record<string, { status: number; body: unknown }> = {}) {
  let members = [max, olivia];
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      const call = `${input.method} ${path}`;
      if (input.method !== "GET") calls.push(call);
      const refusal = refuse[call];
      if (refusal) return json(refusal.status, refusal.body);
      const userId = Number(path.split("/").filter(Boolean).at(-1));
      if (input.method === "POST") {
        const body = (await input.json()) as { email: string; role: Member["role"] };
        const added = { user_id: 3, email: body.email, full_name: "Nina New", role: body.role, joined_at: "2026-11-22T09:00:00Z" };
        members = [added, ...members];
        return json(201, added);
      }
      if (input.method === "PATCH") {
        const body = (await input.json()) as { role: Member["role"] };
        members = members.map((m) => (m.user_id === userId ? { ...m, role: body.role } : m));
        return json(200, members.find((m) => m.user_id === userId));
      }
      if (input.method === "DELETE") {
        members = members.filter((m) => m.user_id !== userId);
        return json(204, null);
      }
      return json(200, { next: null, previous: null, results: members });
    }),
  );
  return calls;
}

describe("firm member management", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists members, adds one by email with a role, promotes and removes after confirming", async () => {
    const calls = serve();
    await renderWithApp(<FirmMembers slug="acme" />);
    const maxRow = await screen.findByTestId("member-2");
    expect(within(maxRow).getByText("Member")).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Email address"), "nina@acme.test");
    await userEvent.selectOptions(screen.getByLabelText("Role"), "owner");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    const ninaRow = await screen.findByTestId("member-3");
    expect(within(ninaRow).getByText("Owner")).toBeInTheDocument();
    expect(screen.getByLabelText("Email address")).toHaveValue("");

    await userEvent.click(within(maxRow).getByRole("button", { name: "Make Max Maker an owner" }));
    expect(await within(maxRow).findByText("Owner")).toBeInTheDocument();

    await userEvent.click(within(screen.getByTestId("member-2")).getByRole("button", { name: "Remove Max Maker" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, remove" }));
    await vi.waitFor(() => expect(screen.queryByTestId("member-2")).toBeNull());
    expect(calls).toEqual([
      "POST /api/v1/firms/acme/members/",
      "PATCH /api/v1/firms/acme/members/2/",
      "DELETE /api/v1/firms/acme/members/2/",
    ]);
  });

  it("shows refusals by code: unknown email under the field, last owner on the row", async () => {
    serve({
      "POST /api/v1/firms/acme/members/": { status: 400, body: { code: "user_not_found", message: "x", details: { email: ["x"] } } },
      "PATCH /api/v1/firms/acme/members/1/": { status: 409, body: { code: "last_owner", message: "x", details: {} } },
    });
    await renderWithApp(<FirmMembers slug="acme" />);
    await userEvent.type(await screen.findByLabelText("Email address"), "nobody@example.test");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(await screen.findByText("No active account has this email address.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email address")).toHaveAttribute("aria-invalid", "true");

    await userEvent.click(screen.getByRole("button", { name: "Make Olivia Owner a member" }));
    expect(await within(screen.getByTestId("member-1")).findByRole("alert")).toHaveTextContent(
      "A firm needs an owner: make someone else owner first.",
    );
  });
});
