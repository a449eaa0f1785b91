import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ChatRoom } from "@/features/chat/components/ChatRoom";
import { stopChatSocket } from "@/features/chat/lib/socket";
import { FakeSocket, latestSocket } from "@/testing/fakeSocket";
import { renderWithApp } from "@/testing/render";

/** XMLHttpRequest for the upload: the test answers each request and reports progress. */
class FakeUpload {
  static instances: FakeUpload[] = [];
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = "";
  withCredentials = false;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeUpload.instances.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const socket = latestSocket;

/** The last `send` frame (a `typing` one follows it). */
function lastSend(): Record<string, unknown> {
  const frame = socket().sent.filter((f) => f["type"] === "send").at(-1);
  if (!frame) throw new Error("nothing sent");
  return frame;
}

function image(id: number) {
  const url = `/media/images/ab/${id}.png`;
  return { id, url, content_type: "image/png", width: 640, height: 480, thumbnails: { small: `/media/images/ab/${id}_s.png`, medium: `/media/images/ab/${id}_m.png`, large: null } };
}

const conversation = {
  id: 5, kind: "contract", title: "Shop redesign", gig: 1, created_at: "2026-11-22T10:00:00Z", unread_count: 0, last_message: null,
  participants: [
    { user_id: 1, name: "Owen", last_read_message_id: 0 },
    { user_id: 2, name: "Ana", last_read_message_id: 0 },
  ],
};

function png(name: string): File {
  return new File([new Uint8Array([137, 80, 78, 71])], name, { type: "image/png" });
}

describe("chat image attachments", () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    FakeUpload.instances = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.stubGlobal("XMLHttpRequest", FakeUpload);
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        const path = new URL(input.url).pathname;
        const body = path.endsWith("/messages/") ? { next: null, previous: null, results: [] } : conversation;
        return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
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
    await screen.findByRole("heading", { name: "Shop redesign" });
    act(() => socket().open());
    return user;
  }

  it("uploads a picked image with progress, then sends its id and shows the thumbnail", async () => {
    const user = await openRoom();
    expect(screen.getByRole("button", { name: "Attach images" })).toBeEnabled();
    await user.upload(screen.getByLabelText("Attach images"), png("kiln.png"));

    const upload = FakeUpload.instances[0];
    if (!upload) throw new Error("no upload");
    expect(upload.method).toBe("POST");
    expect(upload.url).toBe("/api/v1/attachments/images/");
    expect(upload.body?.get("image")).toBeInstanceOf(File);
    expect(screen.getByText("kiln.png")).toBeInTheDocument();
    act(() => upload.progress(50, 100));
    expect(screen.getByRole("progressbar", { name: "Uploading kiln.png" })).toHaveAttribute("value", "0.5");
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();

    await act(async () => upload.answer(201, image(31)));
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByRole("img", { name: "kiln.png" })).toHaveAttribute("src", "/media/images/ab/31_s.png");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(lastSend()).toMatchObject({ type: "send", conversation_id: 5, text: "", attachments: [31] });
    // The composer is empty again; the message shows the thumbnail while it is being sent
    expect(screen.queryByRole("button", { name: "Remove kiln.png" })).not.toBeInTheDocument();

    const sent = lastSend() as { client_message_id: string };
    act(() =>
      socket().receive({
        type: "message", id: 90, conversation_id: 5, author_id: 1, author_name: "Owen", text: "",
        client_message_id: sent.client_message_id, created_at: "2026-11-22T10:01:00Z", edited_at: null, attachments: [image(31)],
      }),
    );
    const messages = screen.getByTestId("messages");
    const thumbnail = within(messages).getByRole("button", { name: "Image 1 of 1" });
    expect(within(thumbnail).getByRole("img")).toHaveAttribute("src", "/media/images/ab/31_m.png");

    // A click opens the full-size image over the chat; Escape closes it and focus goes back
    await user.click(thumbnail);
    const viewer = screen.getByRole("dialog", { name: "Image 1 of 1" });
    expect(within(viewer).getByRole("img")).toHaveAttribute("src", "/media/images/ab/31.png");
    expect(within(viewer).getByRole("button", { name: "Close" })).toHaveFocus();
    // Tab and Shift+Tab stay in the dialog rather than reaching the chat behind it
    await user.tab();
    expect(within(viewer).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(viewer).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(thumbnail).toHaveFocus();
  });

  it("shows a refused upload's reason by its code, leaves it out, and lets it be removed", async () => {
    const user = await openRoom();
    await user.upload(screen.getByLabelText("Attach images"), [png("notes.pdf"), png("ok.png")]);
    const [refused, fine] = FakeUpload.instances;
    if (!refused || !fine) throw new Error("two uploads expected");
    await act(async () => refused.answer(400, { code: "image_format_unsupported", message: "server text", details: {} }));
    await act(async () => fine.answer(201, image(32)));
    expect(screen.getByRole("alert")).toHaveTextContent("notes.pdf: This file is not a JPEG, PNG or WebP image.");

    await user.type(screen.getByRole("textbox", { name: "Message" }), "the glaze");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(lastSend()).toMatchObject({ type: "send", text: "the glaze", attachments: [32] });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says why when the quota is used up or too many images are picked; remove takes one off", async () => {
    const user = await openRoom();
    await user.upload(screen.getByLabelText("Attach images"), ["a", "b", "c", "d", "e"].map((n) => png(`${n}.png`)));
    expect(FakeUpload.instances).toHaveLength(4);
    expect(screen.getByRole("alert")).toHaveTextContent("A message can carry at most 4 images.");
    expect(screen.getByRole("button", { name: "Attach images" })).toBeDisabled();

    const [first] = FakeUpload.instances;
    await act(async () => first?.answer(429, { code: "upload_quota_exceeded", message: "", details: {} }));
    expect(screen.getByText(/a\.png: You have uploaded too much today/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove b.png" }));
    expect(screen.queryByRole("button", { name: "Remove b.png" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Attach images" })).toBeEnabled();
  });

  it("takes a refused send off 'sending' and says why", async () => {
    const user = await openRoom();
    await user.type(screen.getByRole("textbox", { name: "Message" }), "look");
    await user.click(screen.getByRole("button", { name: "Send" }));
    const sent = lastSend() as { client_message_id: string };
    expect(screen.getByText("Sending…")).toBeInTheDocument();
    act(() => socket().receive({ type: "error", code: "attachment_not_found", message: "", conversation_id: 5, client_message_id: sent.client_message_id }));
    expect(screen.queryByText("Sending…")).not.toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("An attached image is no longer available.");
  });
});
