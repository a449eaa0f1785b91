import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ChatRoom } from "@/features/chat/components/ChatRoom";
import { stopChatSocket } from "@/features/chat/lib/socket";
import { FakeSocket, jsonResponse, latestSocket } from "@/testing/fakeSocket";
import { renderWithApp } from "@/testing/render";

const latest = latestSocket;
const json = jsonResponse;

const conversation = {
  id: 5, kind: "proposal", title: "Shop redesign", gig: 1, created_at: "2026-11-22T10:00:00Z", unread_count: 0, last_message: null,
  participants: [
    { user_id: 1, name: "Owen", last_read_message_id: 0 },
    { user_id: 2, name: "Ana", last_read_message_id: 0 },
  ],
};

/** An empty conversation over REST; the socket is the test's. */
beforeEach(() => {
  FakeSocket.instances = [];
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      return json(path.endsWith("/messages/") ? { next: null, previous: null, results: [] } : conversation);
    }),
  );
});
afterEach(() => {
  stopChatSocket();
  vi.unstubAllGlobals();
});

describe("the chat room's connection label", () => {

  it("says connecting (not reconnecting) during the first connection, then nothing", async () => {
    await renderWithApp(<ChatRoom conversationId={5} myUserId={1} />);
    expect(await screen.findByRole("heading", { name: "Shop redesign" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Connecting…");
    expect(screen.queryByText("Reconnecting…")).not.toBeInTheDocument();
    act(() => latest().open());
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("says reconnecting once an open connection was lost, until it is back", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await renderWithApp(<ChatRoom conversationId={5} myUserId={1} />);
      await screen.findByRole("heading", { name: "Shop redesign" });
      act(() => latest().open());
      act(() => latest().close());
      expect(screen.getByRole("status")).toHaveTextContent("Reconnecting…");
      // The retry after the backoff is still a reconnect, not a first connection
      act(() => vi.advanceTimersByTime(500));
      expect(FakeSocket.instances).toHaveLength(2);
      expect(screen.getByRole("status")).toHaveTextContent("Reconnecting…");
      act(() => latest().open());
      expect(screen.queryByRole("status")).not.toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("who is online in the chat room", () => {

  it("asks once subscribed, shows the others online, then when they were last seen", async () => {
    await renderWithApp(<ChatRoom conversationId={5} myUserId={1} />);
    await screen.findByRole("heading", { name: "Shop redesign" });
    act(() => latest().open());
    act(() => latest().receive({ type: "subscribed", conversation_id: 5, last_message_id: 0, complete: true }));
    expect(latest().sent).toContainEqual({ type: "presence", conversation_id: 5 });
    const ana = screen.getByTestId("presence-2");
    expect(ana).toHaveTextContent(/^Ana$/);

    act(() =>
      latest().receive({ type: "presence_state", conversation_id: 5, users: [{ user_id: 1, online: true, last_seen: null }, { user_id: 2, online: true, last_seen: null }] }),
    );
    expect(ana).toHaveTextContent("Ana · online");
    // Ana closes her tab
    act(() => latest().receive({ type: "presence", conversation_id: 5, user_id: 2, online: false, last_seen: "2026-11-22T10:40:00+00:00" }));
    expect(ana).toHaveTextContent(/^Ana · last seen .*2026/);
    // Another conversation's news is not this room's
    act(() => latest().receive({ type: "presence", conversation_id: 6, user_id: 2, online: true, last_seen: null }));
    expect(ana).toHaveTextContent(/last seen/);
  });
});
