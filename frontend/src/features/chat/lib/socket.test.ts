import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ChatSocket } from "@/features/chat/lib/socket";
import { FakeSocket, latestSocket } from "@/testing/fakeSocket";

const latest = latestSocket;

describe("ChatSocket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    vi.stubGlobal("WebSocket", { OPEN: 1 });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("after a drop, reconnects, catches up from the last id and resends unacked messages", () => {
    const chat = new ChatSocket("ws://test/ws/chat/", () => new FakeSocket() as unknown as WebSocket);
    const seen: number[] = [];
    chat.onFrame((frame) => frame.type === "message" && seen.push(frame.id));
    chat.start();
    latest().open();
    chat.subscribe(7, 40);
    expect(latest().sent).toEqual([{ type: "subscribe", conversation_id: 7, after_id: 40 }]);

    // Given one delivered message and one send still waiting for its ack
    latest().receive({ type: "message", id: 41, conversation_id: 7, author_id: 2, author_name: "Ana", text: "hi", client_message_id: "a", created_at: "2026-11-22T10:00:00Z", edited_at: null, attachments: [] });
    const pendingId = chat.send(7, "are you there?", [], "c-1");
    expect(pendingId).toBe("c-1");

    // When the connection drops and the backoff elapses
    latest().close();
    expect(chat.state).toBe("reconnecting");
    chat.subscribe(9, 0);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(2);
    latest().open();

    // Then it re-subscribes after the last id it holds and resends the unacked message as is
    // (an empty conversation subscribes from 0, so nothing sent meanwhile is missed)
    expect(latest().sent).toEqual([
      { type: "subscribe", conversation_id: 7, after_id: 41 },
      { type: "subscribe", conversation_id: 9, after_id: 0 },
      { type: "send", conversation_id: 7, client_message_id: "c-1", text: "are you there?" },
    ]);
    expect(seen).toEqual([41]);

    // And once acked, a later reconnect does not send it again
    latest().receive({ type: "ack", conversation_id: 7, client_message_id: "c-1", message_id: 42, created_at: "2026-11-22T10:00:01Z", duplicate: false });
    latest().close();
    vi.advanceTimersByTime(1000);
    latest().open();
    expect(latest().sent).toEqual([
      { type: "subscribe", conversation_id: 7, after_id: 41 },
      { type: "subscribe", conversation_id: 9, after_id: 0 },
    ]);
    chat.stop();
  });

  it("sends attachment ids with the text, and drops a refused send instead of resending it", () => {
    const chat = new ChatSocket("ws://test/ws/chat/", () => new FakeSocket() as unknown as WebSocket);
    chat.start();
    latest().open();
    chat.send(7, "", [11, 12], "c-2");
    chat.send(7, "plain", [], "c-3");
    expect(latest().sent).toEqual([
      { type: "send", conversation_id: 7, client_message_id: "c-2", text: "", attachments: [11, 12] },
      { type: "send", conversation_id: 7, client_message_id: "c-3", text: "plain" },
    ]);

    // The server refuses the first: a reconnect resends only the second
    latest().receive({ type: "error", code: "attachment_not_found", message: "no", conversation_id: 7, client_message_id: "c-2" });
    latest().close();
    vi.advanceTimersByTime(500);
    latest().open();
    expect(latest().sent).toEqual([{ type: "send", conversation_id: 7, client_message_id: "c-3", text: "plain" }]);
    chat.stop();
  });

  it("backs off 0.5 s, 1 s, 2 s between failed attempts and stops for good on stop()", () => {
    const chat = new ChatSocket("ws://test/ws/chat/", () => new FakeSocket() as unknown as WebSocket);
    chat.start();
    latest().close();
    vi.advanceTimersByTime(499);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    latest().close();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);
    chat.stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(3);
  });
});
