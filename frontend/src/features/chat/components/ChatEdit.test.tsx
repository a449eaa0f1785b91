import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ChatRoom } from "@/features/chat/components/ChatRoom";
import { stopChatSocket } from "@/features/chat/lib/socket";
import { FakeSocket, jsonResponse, latestSocket } from "@/testing/fakeSocket";
import { renderWithApp } from "@/testing/render";

const socket = latestSocket;
const json = jsonResponse;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function row(id: number, author: number, text: string, sentMinutesAgo: number) {
  return {
    id, conversation: 5, author, author_name: author === 1 ? "Owen" : "Ana", text,
    client_message_id: `c${id}`, created_at: minutesAgo(sentMinutesAgo), edited_at: null, attachments: [],
  };
}

const conversation = {
  id: 5, kind: "contract", title: "Shop redesign", gig: 1, created_at: "2026-11-22T10:00:00Z", unread_count: 0,
  last_message: null, edit_window_minutes: 15,
  participants: [
    { user_id: 1, name: "Owen", last_read_message_id: 0 },
    { user_id: 2, name: "Ana", last_read_message_id: 0 },
  ],
};

describe("editing messages in the chat room", () => {
  let edits: { id: number; body: unknown }[];
  let answerEdit: (id: number, text: string) => Response;

  beforeEach(() => {
    FakeSocket.instances = [];
    edits = [];
    answerEdit = (id, text) => json({ ...row(id, 1, text, 1), edited_at: new Date().toISOString() });
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        const path = new URL(input.url).pathname;
        if (input.method === "PATCH") {
          const id = Number(path.split("/").at(-2));
          const body = (await input.json()) as { text: string };
          edits.push({ id, body });
          return answerEdit(id, body.text);
        }
        if (path.endsWith("/messages/")) {
          const history = [row(13, 1, "Yes, Monday works", 1), row(12, 2, "Can you start Monday?", 2), row(11, 1, "Sent last hour", 40)];
          return json({ next: null, previous: null, results: history });
        }
        return json(conversation);
      }),
    );
  });
  afterEach(() => {
    stopChatSocket();
    vi.unstubAllGlobals();
  });

  async function openRoom() {
    const user = userEvent.setup();
    await renderWithApp(<ChatRoom conversationId={5} myUserId={1} />);
    await screen.findByText("Yes, Monday works");
    return user;
  }

  it("offers Edit on my messages inside the window only, saves in place and marks them edited", async () => {
    const user = await openRoom();
    // Mine from a minute ago: editable; Ana's, and mine from 40 minutes ago (window 15): not
    expect(screen.getAllByRole("button", { name: "Edit message" })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Edit message" }));
    const field = screen.getByRole("textbox", { name: "Edit message" });
    expect(field).toHaveValue("Yes, Monday works");
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, "Yes, Tuesday works{Enter}");

    expect(edits).toEqual([{ id: 13, body: { text: "Yes, Tuesday works" } }]);
    expect(await screen.findByText("Yes, Tuesday works")).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Edit message" })).not.toBeInTheDocument();
    expect(screen.getByText("· edited")).toBeInTheDocument();
    expect(screen.queryByText("Yes, Monday works")).not.toBeInTheDocument();
  });

  it("shows another participant's edit live, and an older edit arriving late never wins", async () => {
    await openRoom();
    const edited = (text: string, at: string) =>
      act(() => socket().receive({ type: "message_edited", conversation_id: 5, message_id: 12, text, edited_at: at }));
    edited("Can you start Tuesday?", "2026-11-22T10:05:02.000000+00:00");
    expect(screen.getByText("Can you start Tuesday?")).toBeInTheDocument();
    expect(screen.getByText("· edited")).toBeInTheDocument();
    edited("Can you start Sunday?", "2026-11-22T10:05:01.000000+00:00");
    expect(screen.getByText("Can you start Tuesday?")).toBeInTheDocument();
    expect(screen.queryByText("Can you start Sunday?")).not.toBeInTheDocument();
  });

  it("keeps a refused edit open with the reason; Escape leaves the message as it was", async () => {
    answerEdit = () => json({ code: "edit_window_closed", message: "server text", details: { minutes: 15 } }, 409);
    const user = await openRoom();
    await user.click(screen.getByRole("button", { name: "Edit message" }));
    await user.type(screen.getByRole("textbox", { name: "Edit message" }), " (or Tuesday){Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("This message can no longer be edited");
    expect(screen.getByRole("textbox", { name: "Edit message" })).toHaveValue("Yes, Monday works (or Tuesday)");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("textbox", { name: "Edit message" })).toBeNull();
    expect(screen.getByText("Yes, Monday works")).toBeInTheDocument();
    expect(screen.queryByText("· edited")).not.toBeInTheDocument();
  });
});
